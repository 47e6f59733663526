import { useState } from 'react';

import { ConfigurationForm } from '../configuration/ConfigurationForm';
import { fieldOfPath, labelOfSetting } from '../configuration/fields';
import type { ConfigurationField } from '../configuration/fields';
import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { Decision, LectureConfigurationEdit } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';

export const ConfigurationReviewFragment = graphql(`
  fragment ConfigurationReviewModal_review on ConfigurationReview {
    candidate {
      ...ConfigurationForm_configuration
    }
    changes {
      field
      before
      after
    }
  }
`);

/**
 * "Review and Confirm Configuration": the Configuration tab's form, prefilled with the defaults
 * merged with what the prompt asked for. Confirm accepts (with the person's edits, if any);
 * Cancel rejects, which stops the workflow. A refused edit stays open with its error inline.
 */
export function ConfigurationReviewModal({
  title,
  review: reviewRef,
  onDecide,
  onClose,
}: {
  title: string;
  review: FragmentType<typeof ConfigurationReviewFragment>;
  onDecide: (decision: Decision, edits?: LectureConfigurationEdit) => Promise<readonly UserErrorView[]>;
  onClose: () => void;
}) {
  const review = getFragmentData(ConfigurationReviewFragment, reviewRef);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const fromPrompt = new Set(
    review.changes.map((change) => fieldOfPath([change.field])).filter((field): field is ConfigurationField => field !== null),
  );

  const confirm = async (edits: LectureConfigurationEdit) => {
    const refusals = await onDecide('ACCEPT', Object.keys(edits).length > 0 ? edits : undefined);
    if (refusals.length === 0) onClose();
    return refusals;
  };

  const cancel = async () => {
    setCancelError(null);
    try {
      const refusals = await onDecide('REJECT');
      if (refusals.length === 0) onClose();
      else setCancelError(refusals.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setCancelError(failure instanceof Error ? failure.message : 'The cancel could not be sent.');
    }
  };

  return (
    <Modal title={title} onClose={onClose} wide>
      {review.changes.length > 0 && (
        <div className="config-changes">
          <h3 className="config-changes__title">From your prompt</h3>
          <ul className="config-changes__list">
            {review.changes.map((change) => (
              <li key={change.field}>
                {labelOfSetting(change.field)}: <s>{display(change.before)}</s> → <strong>{display(change.after)}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
      {cancelError && (
        <p className="form-error" role="alert">
          {cancelError}
        </p>
      )}
      <ConfigurationForm
        configuration={review.candidate}
        onSubmit={confirm}
        submitLabel="Confirm"
        submitUnchanged
        highlighted={fromPrompt}
        secondaryAction={
          <Button variant="secondary" onClick={() => void cancel()}>
            Cancel
          </Button>
        }
      />
    </Modal>
  );
}

const display = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
