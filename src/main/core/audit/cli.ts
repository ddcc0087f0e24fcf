import { defineCli } from '../cliCommand';

export const auditCli = defineCli([
  {
    name: 'audit verify',
    usage: 'audit verify                    exit status 1 when the chain is broken',
    async run(io) {
      const v = await io.call('audit.verify', {});
      if (v.ok) io.out(`Audit chain intact: ${v.count} entries`);
      else io.out(`Audit chain BROKEN at entry ${v.firstBroken?.seq}: ${v.firstBroken?.reason}`);
      if (v.sealing === 'verified') io.out(`Seals verified (sealed from entry ${v.sealedFrom ?? '-'})`);
      else if (v.sealing === 'not-checked')
        io.out('Seals NOT checked: this user does not hold the audit key (hash chain only)');
      return v.ok ? 0 : 1;
    },
  },
]);
