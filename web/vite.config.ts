import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The dashboard is plain static files that `rampart serve` hands out from dist/web under a strict CSP
// (script-src/style-src 'self'): everything is emitted as external hashed files, nothing inline.
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // `vite --config web/vite.config.ts` serves the UI with live reload against a running `rampart serve`.
  server: { proxy: { '/api': process.env.RAMPART_URL ?? 'http://127.0.0.1:8080' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is only for browsers without modulepreload; every supported browser has it.
    modulePreload: { polyfill: false },
    // Inlined assets would become data: URLs, which the CSP only allows for images; keep them as files.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
