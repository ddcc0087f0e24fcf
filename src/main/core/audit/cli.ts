import { defineCli } from '../cliCommand';

export const auditCli = defineCli([
  {
    name: 'audit verify',
    usage: 'audit verify                    exit status 1 when the chain is broken',
    async run(io) {
      const v = await io.call('audit.verify', {});
      if (v.ok) io.out(`Audit chain intact: ${v.count} entries`);
      else io.out(`Audit chain BROKEN at entry ${v.firstBroken?.seq}: ${v.firstBroken?.reason}`);
      return v.ok ? 0 : 1;
    },
  },
]);
