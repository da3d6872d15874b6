import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/** Each asset also as .gz, once at build, so the service never compresses a bundle per request. */
function precompress(): Plugin {
  return {
    name: 'lianxin-precompress',
    apply: 'build',
    closeBundle() {
      const assets = resolve(import.meta.dirname, 'dist/assets');
      for (const name of readdirSync(assets)) {
        const raw = readFileSync(join(assets, name));
        if (name.endsWith('.gz') || raw.length < 1024) continue;
        writeFileSync(join(assets, `${name}.gz`), gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// Two pages: the console at / and GraphiQL at /graphql; every asset is bundled, none is fetched
// from another host, because centers run on intranets.
export default defineConfig({
  base: '/',
  plugins: [precompress()],
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
