/**
 * GraphQL over HTTP: one typed `request` for queries and mutations.
 *
 * Why not urql: the panel's only client-side cache is the list of run blocks that the live hook
 * replaces by `version`, and its mutations return typed `userErrors` rather than GraphQL errors.
 * urql's document cache would be a second source of truth to keep in step with that list; what
 * is left once it is gone — POST the generated document string, add the bearer token, map
 * errors — is this file. The generated `TypedDocumentString` carries the result and variable
 * types, so every call is typed end to end.
 */
import { authorization, reportUnauthorized } from '../app/auth';
import type { TypedDocumentString } from '../gql/graphql';

export const GRAPHQL_PATH = '/graphql';

/** A request the server did not answer with data; its message is safe to show. */
export class RequestFailed extends Error {
  override name = 'RequestFailed';

  constructor(
    message: string,
    /** `refused`: the server answered with GraphQL errors (e.g. a malformed ID). */
    readonly reason: 'unreachable' | 'unauthorized' | 'refused' | 'malformed',
  ) {
    super(message);
  }
}

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const credential = authorization();
  if (credential) headers['authorization'] = credential;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestFailed('The server cannot be reached. Check that it is running.', 'unreachable');
  }
  if (response.status === 401) {
    reportUnauthorized(credential);
    throw new RequestFailed('The server needs a valid access token.', 'unauthorized');
  }
  let body: { data?: TResult | null; errors?: readonly { message: string }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RequestFailed(`The server answered ${response.status} without data.`, 'malformed');
  }
  if (body.errors?.length || body.data == null) {
    const messages = body.errors?.map((error) => error.message).join('; ');
    throw new RequestFailed(messages || `The server answered ${response.status} without data.`, 'refused');
  }
  return body.data;
}
