import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Core, defaultDataDir } from '../main/core/app';
import { startHost } from './server';

/** `npm run host -- [--data-dir DIR] [--port N]`: browser mode on 127.0.0.1. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'renderer-dir': { type: 'string', default: resolve('out/renderer') },
    },
  });
  const rendererDir = resolve(values['renderer-dir']);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${rendererDir}); run: npm run build:renderer`);
    process.exit(1);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const core = Core.open({ dataDir, timers: true });
  const host = await startHost({ core, rendererDir, port: Number(values.port) });
  console.log(`TTLL Desk (browser mode) — data: ${dataDir}`);
  console.log(`Open: ${host.url}`);
  const stop = () => {
    core.close();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
