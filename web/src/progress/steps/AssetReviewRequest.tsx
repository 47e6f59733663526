import type { FragmentType } from '../../gql';
import { AssetReviewModal } from '../../reviews/AssetReviewModal';
import type { AssetReviewFragment, ReviewedMedia } from '../../reviews/AssetReviewModal';
import { usePanelActions } from '../PanelActions';
import { ReviewRequest } from './ReviewRequest';
import type { PendingRequest } from './ReviewRequest';

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
  request: PendingRequest | null | undefined;
  review: FragmentType<typeof AssetReviewFragment> | null | undefined;
  media: ReviewedMedia;
  noun: string;
  subject?: string | undefined;
}) {
  const actions = usePanelActions();
  if (!review) return null;
  return (
    <ReviewRequest
      request={request}
      summary={
        <p>
          The new {noun}
          {subject ? ` (${subject})` : ''} is ready. Review it to keep it or the current one.
        </p>
      }
      modal={(pending, close) => (
        <AssetReviewModal
          title={pending.title}
          media={media}
          noun={noun}
          subject={subject}
          review={review}
          changeRoundsLeft={pending.changeRoundsLeft}
          onClose={close}
          onDecide={(decision, extras) =>
            actions.decide({
              runId,
              requestId: pending.id,
              decision,
              ...extras,
              ...(pending.version !== undefined ? { version: pending.version } : {}),
            })
          }
        />
      )}
    />
  );
}
