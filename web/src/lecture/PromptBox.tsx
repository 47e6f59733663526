import { useId, useState } from 'react';
import type { FormEvent } from 'react';

import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';

/** "Describe what you want": a sentence starts the workflow it asks for; or the full video. */
export function PromptBox({
  onStart,
  onGenerateFullVideo,
}: {
  onStart: (prompt: string) => Promise<readonly UserErrorView[]>;
  onGenerateFullVideo: (prompt: string) => Promise<readonly UserErrorView[]>;
}) {
  const [prompt, setPrompt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();

  const send = async (start: (prompt: string) => Promise<readonly UserErrorView[]>, needsPrompt: boolean) => {
    if (needsPrompt && !prompt.trim()) {
      setError('Describe what you want first.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      const refusals = await start(prompt.trim());
      if (refusals.length > 0) setError(refusals.map((refusal) => refusal.message).join(' '));
      else setPrompt('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The run could not be started.');
    } finally {
      setSending(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(onStart, true);
  };

  return (
    <form className="prompt-box" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Describe what you want
      </label>
      <textarea
        id={id}
        className="prompt-box__input"
        rows={2}
        value={prompt}
        placeholder="Describe what you want"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setPrompt(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            void send(onStart, true);
          }
        }}
      />
      {error && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="prompt-box__actions">
        <Button variant="secondary" disabled={sending} onClick={() => void send(onGenerateFullVideo, false)}>
          Generate Full Video
        </Button>
        <Button type="submit" variant="primary" disabled={sending}>
          Start
        </Button>
      </div>
    </form>
  );
}
