/** How this server authenticates the panel, and the bearer token kept for it in tokens mode. */
export type AuthMode = 'local' | 'tokens';

const TOKEN_KEY = 'agent-progress.token';

/** `GET /auth-mode`; a server without it runs in local mode. */
export async function fetchAuthMode(): Promise<AuthMode> {
  try {
    const response = await fetch('/auth-mode', { headers: { accept: 'application/json' } });
    if (!response.ok) return 'local';
    const body = (await response.json()) as { auth?: unknown };
    return body.auth === 'tokens' ? 'tokens' : 'local';
  } catch {
    return 'local';
  }
}

export const tokenStore = {
  get(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    localStorage.setItem(TOKEN_KEY, token.trim());
  },
  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
  },
};

/** `Bearer …` when a token is kept, for HTTP headers and the websocket's connection_init. */
export function authorization(): string | null {
  const token = tokenStore.get();
  return token ? `Bearer ${token}` : null;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the server refuses the kept token (HTTP 401, websocket 4403). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * The server refused `refused` (the `Bearer …` value a request or socket was sent with). Only
 * a refusal of the token kept now counts: an answer to a request sent with a token the person
 * has since replaced (a mistyped one, still in flight when they pasted the right one) must not
 * discard the new token and ask again.
 */
export function reportUnauthorized(refused: string | null): void {
  if (refused !== authorization()) return;
  tokenStore.clear();
  for (const listener of unauthorizedListeners) listener();
}
