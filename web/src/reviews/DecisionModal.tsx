import { useState } from 'react';
import type { ReactNode } from 'react';

import type { Decision } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';

/**
 * The frame every Reject / Accept review shares ("Review Image", "Review Narration",
 * "Review Background Score", "Review Subtitles"): the modal, its buttons (disabled while a
 * decision is in flight), and the refusal shown inline. `onDecide` resolves to the server's
 * refusals; none closes the modal. `errorsShownInBody` lets the body place field errors
 * itself (e.g. next to an edited cue): those are left out of the general alert.
 *
 * With `changeRoundsLeft` (a number), the review also offers "Request changes": a feedback box,
 * sent with REQUEST_CHANGES; at 0 it says the rounds are used and only Reject / Accept remain.
 */
export function DecisionModal({
  title,
  wide = false,
  onDecide,
  onClose,
  errorsShownInBody = () => false,
  acceptDisabled = false,
  rejectLabel = 'Reject',
  changeRoundsLeft = null,
  children,
}: {
  title: string;
  wide?: boolean;
  onDecide: (decision: Decision, feedback?: string) => Promise<readonly UserErrorView[]>;
  onClose: () => void;
  errorsShownInBody?: (error: UserErrorView) => boolean;
  /** Accept waits for something the body asks for (e.g. picking one of several candidates). */
  acceptDisabled?: boolean;
  rejectLabel?: string;
  changeRoundsLeft?: number | null | undefined;
  children: ReactNode;
}) {
  const [sending, setSending] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [feedback, setFeedback] = useState('');

  const decide = async (decision: Decision) => {
    setSending(decision);
    setError(null);
    try {
      const refusals = await onDecide(decision, decision === 'REQUEST_CHANGES' ? feedback.trim() : undefined);
      if (refusals.length === 0) {
        onClose();
        return;
      }
      const general = refusals.filter((refusal) => !errorsShownInBody(refusal));
      if (general.length > 0) setError(general.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The decision could not be sent.');
    } finally {
      setSending(null);
    }
  };

  const offersChanges = typeof changeRoundsLeft === 'number';
  const footer = writing ? (
    <>
      <Button variant="secondary" disabled={sending !== null} onClick={() => setWriting(false)}>
        Back
      </Button>
      <Button
        variant="primary"
        disabled={sending !== null || feedback.trim() === ''}
        onClick={() => void decide('REQUEST_CHANGES')}
      >
        Send feedback
      </Button>
    </>
  ) : (
    <>
      {offersChanges && changeRoundsLeft > 0 && (
        <Button variant="quiet" disabled={sending !== null} onClick={() => setWriting(true)}>
          Request changes
        </Button>
      )}
      <Button variant="secondary" disabled={sending !== null} onClick={() => void decide('REJECT')}>
        {rejectLabel}
      </Button>
      <Button variant="primary" disabled={sending !== null || acceptDisabled} onClick={() => void decide('ACCEPT')}>
        Accept
      </Button>
    </>
  );

  return (
    <Modal title={title} onClose={onClose} wide={wide} footer={footer}>
      {children}
      {writing && (
        <div className="field review__feedback">
          <label htmlFor="review-feedback" className="field__label">
            What should change?
          </label>
          <textarea
            id="review-feedback"
            rows={3}
            maxLength={2000}
            value={feedback}
            placeholder="For example: make it a night scene"
            onChange={(event) => setFeedback(event.target.value)}
          />
          <p className="review__note">
            A new version is made with your feedback.{' '}
            {changeRoundsLeft === 1 ? 'This is the last round of changes.' : `${changeRoundsLeft} rounds of changes left.`}
          </p>
        </div>
      )}
      {offersChanges && changeRoundsLeft === 0 && (
        <p className="review__note">All rounds of changes are used: accept or reject this version.</p>
      )}
      {error && (
        <p className="review__error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
