import { auditContract } from '../../../shared/contract';
import type { AuditPort } from '../vault/ports';
import { appendAudit } from './auditLog';
import { localTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { auditCli } from './cli';
import { auditExportHandlers } from './exportAudit';
import { auditHandlers } from './handlers';
import { sealing, startSegment } from './sealing';
import m001 from './migrations/001-audit-log';
import m002 from './migrations/002-seal';
import { auditLog } from './schema';

export const auditModule = defineModule({
  contract: auditContract,
  handlers: { ...auditHandlers, ...auditExportHandlers },
  migrations: [m001, m002],
  tables: [
    {
      table: auditLog,
      policy: localTable("this office's own record of acts; its head travels, not its rows"),
    },
  ],
  cli: auditCli,
});

/** The log as the vault writes to it (handed to the vault by the core, app.ts). */
export const auditPort: AuditPort = {
  append: (db, entry) => {
    appendAudit(db, entry);
  },
  sealing,
  startSegment,
};
