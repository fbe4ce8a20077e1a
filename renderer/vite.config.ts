// Build-time Node code, not renderer code: the renderer's node:* ban does not apply here.
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CSP_META } from '../protocol/csp.js';

/** Writes the CSP meta tag from the one policy in main/app/csp.ts. */
function cspMeta(): Plugin {
  return {
    name: 'apppass-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the window loads index.html from file://.
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The preload polyfill would be an inline script, which the CSP refuses.
    modulePreload: { polyfill: false },
    target: 'chrome130',
    sourcemap: false,
  },
});
