import { useId, useState } from 'react';
import type { FormEvent } from 'react';

import { Button } from '../ui/Button';
import { tokenStore } from './auth';

/** Tokens mode: ask for the access token once; it is kept in this browser. */
export function TokenPrompt({ refused, onToken }: { refused: boolean; onToken: () => void }) {
  const [token, setToken] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return;
    tokenStore.set(token);
    onToken();
  };
  return (
    <main className="token-prompt">
      <form className="token-prompt__card" onSubmit={submit}>
        <h1>Agent Progress</h1>
        <p>This server needs an access token.</p>
        <label htmlFor={id} className="field__label">
          Access token
        </label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          value={token}
          aria-describedby={refused ? `${id}-error` : undefined}
          onChange={(event) => setToken(event.target.value)}
        />
        {refused && (
          <p id={`${id}-error`} className="form-error" role="alert">
            The server refused that token. Try another one.
          </p>
        )}
        <Button type="submit" variant="primary">
          Continue
        </Button>
      </form>
    </main>
  );
}
