import { OfficeProfile, settingsContract } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { readOffice, readSettings, writeOffice, writeSettings } from '../db/settingsStore';

export const settingsHandlers = defineHandlers(settingsContract)({
  'settings.get': { run: ({ db }) => readSettings(db) },
  'settings.update': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const next = {
          ...readSettings(ctx.db),
          ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        };
        writeSettings(ctx.db, next);
        ctx.services.idleTimeoutMinutes = next.idleTimeoutMinutes;
        ctx.audit({ action: 'settings.update', targetType: 'settings', targetId: 'app', details: input });
        return next;
      }),
  },
  'settings.office': { run: ({ db }) => readOffice(db) },
  'settings.updateOffice': {
    run: (ctx, input) => {
      const office = ctx.tx(() => {
        const before = readOffice(ctx.db);
        const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const next = OfficeProfile.parse({ ...before, ...changes });
        writeOffice(ctx.db, next);
        ctx.audit({
          action: 'settings.updateOffice',
          targetType: 'office',
          targetId: next.code,
          details: { changed: Object.keys(changes) },
        });
        return next;
      });
      // Every later call, and so every printout, reads the new profile without a new sign-in.
      ctx.vault.refreshOffice();
      return office;
    },
  },
});
