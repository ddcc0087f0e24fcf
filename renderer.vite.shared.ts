// The renderer's Vite options, shared by electron.vite.config.ts (Electron build) and
// vite.renderer.config.ts (browser mode, where Electron is absent), so both builds are the same.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './src/shared/csp.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Puts the app's CSP (src/main/hardening.ts, the one source) into the built index.html as well as
 * the response headers: a second layer, and what electronegativity can see. Build only, since
 * the dev server's hot reload needs inline scripts.
 */
function cspMeta(): Plugin {
  return {
    name: 'ttll:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export const rendererConfig = {
  root: here('./src/renderer'),
  // Relative asset URLs: the same build is served from app://ttll/ and from the loopback host.
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    // Explicit: electron-vite 6 derives no Chrome target for Electron 45, and the browser-mode
    // build runs in Debian's Chromium. Both support ES2022.
    target: 'es2022',
    sourcemap: false,
    // Loaded from the local disk, never a network: one bundle is fine.
    chunkSizeWarningLimit: 2000,
    // Explicit because electron-vite looks for <cwd>/src/renderer/index.html rather than `root`.
    rolldownOptions: { input: here('./src/renderer/index.html') },
  },
} satisfies UserConfig;
