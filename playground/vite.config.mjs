import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative URLs: the built folder works from any path on any static host.
  base: './',
  resolve: {
    alias: {
      // The browser entry of the package at the repository root (wasm-bindgen `web` build inside).
      'migration-lint-core': here('../js/browser.mjs'),
      // The embedded PostgreSQL of `verify` (PGlite), loaded by its own worker on demand.
      'migration-lint-engine': here('../js/engine.mjs'),
    },
  },
  worker: { format: 'es' },
  // PGlite finds its .wasm and data next to its module (new URL(..., import.meta.url)); the dev
  // server's dependency bundling would move the module away from them.
  optimizeDeps: { exclude: ['@electric-sql/pglite', '@electric-sql/pglite-pgvector'] },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline assets as data: URLs; the .wasm stays a file the worker fetches.
    assetsInlineLimit: 0,
  },
});
