import { resolve } from 'node:path';
import { CliError, defineCli } from '../cliCommand';

export const backupCli = defineCli([
  {
    name: 'backup create',
    usage: 'backup create DIR',
    async run(io, a) {
      if (!a.args[0]) throw new CliError('backup create needs DIR');
      const b = await io.call('backup.create', { dir: resolve(a.args[0]) });
      io.out(`Backup written: ${b.file} (${b.sizeBytes} bytes)`);
      return 0;
    },
  },
  {
    name: 'backup restore',
    usage: 'backup restore FILE',
    async run(io, a) {
      if (!a.args[0]) throw new CliError('backup restore needs FILE');
      await io.call('backup.restore', { file: resolve(a.args[0]) });
      io.out(`Restored from ${a.args[0]}; the previous database was kept beside it`);
      return 0;
    },
  },
]);
