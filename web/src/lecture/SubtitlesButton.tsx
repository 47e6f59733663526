import { useId, useState } from 'react';

import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';

/**
 * "Generate Subtitles" (the Video preview's): starts the subtitles workflow. Disabled, with the
 * reason beside it, while the lecture has no narration to time the cues against.
 */
export function SubtitlesButton({
  onGenerate,
  unavailable,
}: {
  onGenerate: () => Promise<readonly UserErrorView[]>;
  /** Why subtitles cannot be made yet; null when they can. */
  unavailable: string | null;
}) {
  const reasonId = useId();
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    try {
      const refusals = await onGenerate();
      if (refusals.length > 0) setError(refusals.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The generation could not be started.');
    }
  };
  return (
    <span className="subtitles-action">
      <Button
        variant="secondary"
        disabled={unavailable !== null}
        aria-describedby={unavailable !== null ? reasonId : undefined}
        onClick={() => void start()}
      >
        Generate Subtitles
      </Button>
      {unavailable !== null && (
        <span id={reasonId} className="muted subtitles-action__reason">
          {unavailable}
        </span>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
