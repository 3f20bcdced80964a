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
    },
  },
  worker: { format: 'es' },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline assets as data: URLs; the .wasm stays a file the worker fetches.
    assetsInlineLimit: 0,
  },
});
