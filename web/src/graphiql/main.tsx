/**
 * GraphiQL for `/graphql`, bundled from npm so it works with no internet access: queries and
 * mutations over HTTP, subscriptions over graphql-ws. In tokens mode it sends the panel's token.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { authorization } from '../app/auth';

const credential = authorization();
const websocket = new URL('/graphql', window.location.href);
websocket.protocol = websocket.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  headers: credential ? { authorization: credential } : {},
  wsClient: createClient({
    url: websocket.toString(),
    lazy: true,
    connectionParams: credential ? { authorization: credential } : {},
  }),
});

const root = document.getElementById('graphiql');
if (!root) throw new Error('graphiql.html has no #graphiql');
createRoot(root).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} />
  </StrictMode>,
);
