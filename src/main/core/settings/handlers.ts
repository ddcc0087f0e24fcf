import { settingsContract } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { readSettings, writeSettings } from './settingsStore';

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
});
