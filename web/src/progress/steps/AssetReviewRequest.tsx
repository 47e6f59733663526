import { useState } from 'react';

import type { FragmentType } from '../../gql';
import { AssetReviewModal } from '../../reviews/AssetReviewModal';
import type { AssetReviewFragment, ReviewedMedia } from '../../reviews/AssetReviewModal';
import { HumanRequestBlock } from '../HumanRequestBlock';
import { usePanelActions } from '../PanelActions';

/** The HIL block of a single-asset step: the button, and the review modal it opens. */
export function AssetReviewRequest({
  runId,
  request,
  review,
  media,
  noun,
  subject,
}: {
  runId: string;
  request: { id: string; title: string } | null | undefined;
  review: FragmentType<typeof AssetReviewFragment> | null | undefined;
  media: ReviewedMedia;
  noun: string;
  subject?: string | undefined;
}) {
  const actions = usePanelActions();
  const [open, setOpen] = useState(false);
  if (!request || !review) return null;
  return (
    <>
      <HumanRequestBlock title={request.title} onOpen={() => setOpen(true)}>
        <p>
          The new {noun}
          {subject ? ` (${subject})` : ''} is ready. Review it to keep it or the current one.
        </p>
      </HumanRequestBlock>
      {open && (
        <AssetReviewModal
          title={request.title}
          media={media}
          noun={noun}
          subject={subject}
          review={review}
          onClose={() => setOpen(false)}
          onDecide={(decision) => actions.decide({ runId, requestId: request.id, decision })}
        />
      )}
    </>
  );
}
