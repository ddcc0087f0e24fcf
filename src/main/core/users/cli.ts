import { Clearance, Role } from '../../../shared/contract';
import { CliError, defineCli, need, show } from '../cliCommand';

export const usersCli = defineCli([
  {
    name: 'users add',
    usage: `users add --name N --role R --clearance none|mat|toi-mat|tuyet-mat [--full-name F]
      new user; password from TTLL_NEW_PASSWORD or asked (to be changed at the first sign-in)`,
    options: { name: { type: 'string' }, role: { type: 'string' }, 'full-name': { type: 'string' } },
    async run(io, a) {
      const why = 'users add needs --name, --role and --clearance';
      const name = need(a, 'name', why);
      const role = Role.safeParse(a.values.role);
      const clearance = Clearance.safeParse(a.values.clearance);
      if (!role.success || !clearance.success) throw new CliError(why);
      const password = await io.secret('TTLL_NEW_PASSWORD', `Password for the new user ${name}: `);
      const u = await io.call('users.create', {
        userName: name,
        fullName: typeof a.values['full-name'] === 'string' ? a.values['full-name'] : name,
        role: role.data,
        clearance: clearance.data,
        password,
      });
      show(io, u, () => `User ${u.userName} (${u.role}, clearance ${u.clearance}) created`);
      return 0;
    },
  },
  {
    name: 'users change-password',
    usage: `users change-password
      change --user's own password (due at the first sign-in when an administrator set it):
      the current one from TTLL_PASSWORD, the new one from TTLL_NEW_PASSWORD, or asked`,
    async run(io) {
      const currentPassword = await io.secret('TTLL_PASSWORD', 'Current password: ');
      const newPassword = await io.secret('TTLL_NEW_PASSWORD', 'New password: ');
      await io.call('vault.changePassword', { currentPassword, newPassword });
      io.out('Password changed');
      return 0;
    },
  },
  {
    name: 'users list',
    usage: 'users list [--json]',
    async run(io) {
      const list = await io.call('users.list', {});
      show(io, list, () =>
        list
          .map((u) => `${u.userName}\t${u.role}\t${u.clearance}${u.disabled ? '\tdisabled' : ''}`)
          .join('\n'),
      );
      return 0;
    },
  },
]);
