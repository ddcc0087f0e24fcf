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
    name: 'users update',
    usage: `users update --name N [--role R] [--clearance C] [--full-name F] [--disable | --enable]
      [--second-admin NAME | --recovery-key]
      change a user; your own role or clearance needs a second administrator (--second-admin,
      their password from TTLL_SECOND_ADMIN_PASSWORD or asked) or the recovery key
      (--recovery-key, from TTLL_RECOVERY_KEY or asked)`,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      clearance: { type: 'string' },
      'full-name': { type: 'string' },
      disable: { type: 'boolean', default: false },
      enable: { type: 'boolean', default: false },
      'second-admin': { type: 'string' },
      'recovery-key': { type: 'boolean', default: false },
    },
    async run(io, a) {
      const name = need(a, 'name', 'users update needs --name');
      const role = a.values.role === undefined ? undefined : Role.safeParse(a.values.role);
      const clearance =
        a.values.clearance === undefined ? undefined : Clearance.safeParse(a.values.clearance);
      if (role?.success === false) throw new CliError(`--role: one of ${Role.options.join(', ')}`);
      if (clearance?.success === false)
        throw new CliError(`--clearance: one of ${Clearance.options.join(', ')}`);
      if (a.values.disable && a.values.enable) throw new CliError('give --disable or --enable, not both');
      const second = a.values['second-admin'];
      if (typeof second === 'string' && a.values['recovery-key'])
        throw new CliError('give --second-admin or --recovery-key, not both');
      const u = await io.call('users.update', {
        userName: name,
        ...(role ? { role: role.data } : {}),
        ...(clearance ? { clearance: clearance.data } : {}),
        ...(typeof a.values['full-name'] === 'string' ? { fullName: a.values['full-name'] } : {}),
        ...(a.values.disable ? { disabled: true } : a.values.enable ? { disabled: false } : {}),
        ...(typeof second === 'string'
          ? {
              secondAdmin: {
                userName: second,
                password: await io.secret('TTLL_SECOND_ADMIN_PASSWORD', `Password of ${second}: `),
              },
            }
          : {}),
        ...(a.values['recovery-key']
          ? { recoveryKey: await io.secret('TTLL_RECOVERY_KEY', 'Recovery key: ') }
          : {}),
      });
      show(
        io,
        u,
        () => `User ${u.userName}: ${u.role}, clearance ${u.clearance}${u.disabled ? ', disabled' : ''}`,
      );
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
          .map(
            (u) =>
              `${u.userName}\t${u.role}\t${u.clearance}${u.pendingClearance ? ' (pending)' : ''}${u.disabled ? '\tdisabled' : ''}`,
          )
          .join('\n'),
      );
      return 0;
    },
  },
]);
