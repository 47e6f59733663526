import { useState } from 'react';

import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';

/** "Cancel this run?": confirming sends the cancel; the block then shows Cancelled, Resume and Re-run. */
export function CancelRunModal({
  title,
  onConfirm,
  onClose,
}: {
  title: string;
  onConfirm: () => Promise<readonly { message: string }[]>;
  onClose: () => void;
}) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setSending(true);
    try {
      const refusals = await onConfirm();
      if (refusals.length === 0) onClose();
      else setError(refusals.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The cancel could not be sent.');
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      title="Cancel this run?"
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} data-autofocus>
            Keep running
          </Button>
          <Button variant="danger" disabled={sending} onClick={() => void confirm()}>
            Cancel run
          </Button>
        </>
      }
    >
      <p>
        “{title}” stops where it is. Steps already finished keep their results, and you can resume it
        from there or re-run it later.
      </p>
      {error && (
        <p className="review__error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
