import { useState } from 'react';

import { labelOfSetting } from '../../configuration/fields';
import { getFragmentData, graphql } from '../../gql';
import type { FragmentType } from '../../gql';
import { ConfigurationReviewModal } from '../../reviews/ConfigurationReviewModal';
import { deadlineInWords } from '../deadline';
import { useHoldBlockOpen } from '../HoldOpen';
import { HumanRequestBlock } from '../HumanRequestBlock';
import { usePanelActions } from '../PanelActions';

export const ConfigurationStepFragment = graphql(`
  fragment ConfigurationStepView_step on ConfigurationStep {
    request {
      id
      title
      version
      expiresAt
    }
    changes {
      field
      after
    }
    configurationReview {
      ...ConfigurationReviewModal_review
    }
  }
`);

/** Generating Full Video, step 1: what the prompt set, and "Review and Confirm Configuration". */
export function ConfigurationStepView({
  step: stepRef,
  runId,
}: {
  step: FragmentType<typeof ConfigurationStepFragment>;
  runId: string;
}) {
  const step = getFragmentData(ConfigurationStepFragment, stepRef);
  const actions = usePanelActions();
  const [open, setOpen] = useState(false);
  useHoldBlockOpen(open && Boolean(step.request && step.configurationReview));
  const { request, configurationReview: review } = step;
  if (!request || !review) return null;
  return (
    <>
      <HumanRequestBlock title={request.title} onOpen={() => setOpen(true)}>
        {step.changes.length > 0 ? (
          <ul className="hil__changes">
            {step.changes.map((change) => (
              <li key={change.field}>
                {labelOfSetting(change.field)}: <strong>{String(change.after)}</strong>
              </li>
            ))}
          </ul>
        ) : (
          <p>Your prompt kept the lecture’s current settings.</p>
        )}
        {request.expiresAt && (
          <p className="hil__deadline" data-testid="hil-deadline">
            {deadlineInWords(request.expiresAt)}
          </p>
        )}
      </HumanRequestBlock>
      {open && (
        <ConfigurationReviewModal
          title={request.title}
          review={review}
          onClose={() => setOpen(false)}
          onDecide={(decision, configuration) =>
            actions.decide({
              runId,
              requestId: request.id,
              decision,
              version: request.version,
              ...(configuration ? { configuration } : {}),
            })
          }
        />
      )}
    </>
  );
}
