// Browser mode (`npm run build:renderer`): the renderer alone, built exactly as in the Electron build.
import { defineConfig } from 'vite';
import { rendererConfig } from './renderer.vite.shared.ts';

export default defineConfig(rendererConfig);
