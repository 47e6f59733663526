import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { SubtitlesReviewModal } from '../../reviews/SubtitlesReviewModal';
import { usePanelActions } from '../PanelActions';
import { ReviewRequest } from './ReviewRequest';

export const SubtitlesGenerationStepFragment = graphql(`
  fragment SubtitlesGenerationStepView_step on SubtitlesGenerationStep {
    request {
      id
      title
      version
      expiresAt
    }
    review {
      candidate {
        id
      }
    }
    cues {
      number
    }
    ...SubtitlesReviewModal_step
  }
`);

/** Generating Subtitles: "Review Subtitles" lists the cues, their text editable. */
export function SubtitlesGenerationStepView({
  step: stepRef,
  runId,
}: {
  step: FragmentType<typeof SubtitlesGenerationStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(SubtitlesGenerationStepFragment, stepRef);
  const actions = usePanelActions();
  if (!step.review) return null;
  return (
    <ReviewRequest
      request={step.request}
      summary={
        <p>
          {step.cues.length} subtitle cues are ready. Review them to edit their text, then keep them or the current
          subtitles.
        </p>
      }
      modal={(request, close) => (
        <SubtitlesReviewModal
          title={request.title}
          step={step}
          onClose={close}
          onDecide={(decision, subtitles) =>
            actions.decide({
              runId,
              requestId: request.id,
              decision,
              version: request.version,
              ...(subtitles ? { subtitles } : {}),
            })
          }
        />
      )}
    />
  );
}
