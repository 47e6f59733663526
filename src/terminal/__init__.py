"""The terminal client: `agent-progress watch | review | start` over the GraphQL API.

A second transport beside the panel (seed 003), using only what the browser uses: queries and
mutations over HTTP, the `runChanges` subscription over graphql-transport-ws, the same bearer
token. `transport` talks to the server, `model` and `render` are pure (run data in, rich
renderables out), and `watch`, `review` and `start` are the commands."""
