// `electron-vite build`: out/main/index.js (ESM), out/preload/index.cjs, out/renderer/. Nothing here
// needs the Electron binary: electron-vite reads only electron/package.json for the version.
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';
import { rendererConfig } from './renderer.vite.shared.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules and load at run time: better-sqlite3 is a native addon
      // (unpacked from the asar, see electron-builder.yml) and cannot be bundled.
      externalizeDeps: true,
      rolldownOptions: { input: { index: here('./src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle everything it imports (src/shared, zod).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./src/preload/index.ts') },
        // CommonJS, because sandboxed preloads cannot be ES modules; one file, no chunks to require.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: rendererConfig,
});
