import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends API traffic: the server of `uv run agent-progress serve`. */
const api = process.env['AGENT_PROGRESS_API'] ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    // Shipped inside the Python package and served by the app; CI rebuilds and diffs it.
    outDir: '../src/panel/static',
    emptyOutDir: true,
    // Not "assets": `/assets/{id}/{file}` is the app's media route.
    assetsDir: 'static',
    // GraphiQL's editor (Monaco) is one large chunk by design; the panel's own code is small.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      input: { index: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's modules start with React Compiler directives ("use no memo") that a bundle
      // cannot keep; harmless, and the only warnings of the build.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // The dev server is for the panel: GraphiQL's Monaco workers (`?worker` imports) and CommonJS
  // dependencies do not survive dependency pre-bundling, so it is not scanned; GraphiQL is the
  // built page the app serves at /graphql.
  optimizeDeps: {
    entries: ['index.html'],
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/assets': api,
      '/auth-mode': api,
      '/health': api,
    },
  },
});
