import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages: the console at / and GraphiQL at /graphql; every asset is bundled, none is fetched
// from another host, because centers run on intranets.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8000', ws: true },
      '/open311': 'http://127.0.0.1:8000',
    },
  },
});
