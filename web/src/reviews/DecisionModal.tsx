import { useState } from 'react';
import type { ReactNode } from 'react';

import type { Decision } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';

/**
 * The frame every Reject / Accept review shares ("Review Image", "Review Narration",
 * "Review Background Score", "Review Subtitles"): the modal, its two buttons (disabled while a
 * decision is in flight), and the refusal shown inline. `onDecide` resolves to the server's
 * refusals; none closes the modal. `errorsShownInBody` lets the body place field errors
 * itself (e.g. next to an edited cue): those are left out of the general alert.
 */
export function DecisionModal({
  title,
  wide = false,
  onDecide,
  onClose,
  errorsShownInBody = () => false,
  children,
}: {
  title: string;
  wide?: boolean;
  onDecide: (decision: Decision) => Promise<readonly UserErrorView[]>;
  onClose: () => void;
  errorsShownInBody?: (error: UserErrorView) => boolean;
  children: ReactNode;
}) {
  const [sending, setSending] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: Decision) => {
    setSending(decision);
    setError(null);
    try {
      const refusals = await onDecide(decision);
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

  return (
    <Modal
      title={title}
      onClose={onClose}
      wide={wide}
      footer={
        <>
          <Button variant="secondary" disabled={sending !== null} onClick={() => void decide('REJECT')}>
            Reject
          </Button>
          <Button variant="primary" disabled={sending !== null} onClick={() => void decide('ACCEPT')}>
            Accept
          </Button>
        </>
      }
    >
      {children}
      {error && (
        <p className="review__error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
