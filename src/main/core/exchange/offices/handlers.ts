import { exchangeContract } from '../../../../shared/contract';
import { fileStamp, vnIsoDate } from '../../../../shared/dates';
import { applyPackage, writerOf } from '../../db/recordKernel';
import { AppError } from '../../errors';
import { defineHandlers, type CtxOf } from '../../handler';
import { DOCX_MIME } from '../../print/mime';
import { buildPackage } from '../package/package';
import { ownAuditHead } from '../packages/send';
import {
  listOffices,
  OFFICE_RECORDS,
  pinnedProvinceKey,
  pinProvinceKey,
  resolveRecipients,
} from './directory';
import { DirectoryRefused, openDirectory } from './directoryPackage';
import { ownKeyRing, ownKeys, ownPublicKeys } from './ownKeys';
import {
  addOffice,
  checkPackageOfficeCode,
  directoryRecords,
  lastAccepted,
  lastPublished,
  markAccepted,
  markPublished,
  ownKeyFile,
  revokeOffice,
  updateOffice,
  viewOf,
} from './service';

type Ctx = CtxOf<typeof exchangeContract>;

/** Only the province keeps and publishes the directory; other offices receive it. */
function requireProvince(ctx: Ctx, action: 'exchange.office.add' | 'exchange.directory.publish'): void {
  if (ctx.office.level !== 'province')
    ctx.deny(
      { action, targetType: 'office', targetId: ctx.office.code, details: {} },
      'Only the province keeps and publishes the directory of offices',
    );
}

/** Records a refused act in its own transaction (the act's, if any, rolled back), then rethrows. */
function auditRefusal(ctx: Ctx, e: unknown, entry: Parameters<Ctx['audit']>[0]): never {
  if (e instanceof AppError && e.code !== 'FORBIDDEN')
    ctx.tx(() => ctx.audit({ ...entry, outcome: 'failed', details: { ...entry.details, error: e.message } }));
  throw e;
}

export const officesHandlers = defineHandlers(exchangeContract)({
  'exchange.ownKeys': {
    run: (ctx) => {
      const k = ownPublicKeys(ctx.db);
      return { ...k, createdAt: vnIsoDate(new Date(k.createdAt)) };
    },
  },
  'exchange.exportKeyFile': {
    run: (ctx) => {
      const file = ownKeyFile(ctx.db, ctx.office);
      ctx.tx(() =>
        ctx.audit({
          action: 'exchange.keys.export',
          targetType: 'office',
          targetId: ctx.office.code,
          details: {},
        }),
      );
      return {
        fileName: `khoa-${file.office.code}.json`,
        mime: 'application/json',
        dataBase64: Buffer.from(`${JSON.stringify(file, null, 2)}\n`).toString('base64'),
      };
    },
  },
  'exchange.printKeyForm': {
    run: async (ctx) => {
      const file = ownKeyFile(ctx.db, ctx.office);
      const { buildKeyFormDocx } = await import('./keyForm');
      const data = await buildKeyFormDocx(file, ownPublicKeys(ctx.db).fingerprint, ctx.office, ctx.now());
      ctx.tx(() =>
        ctx.audit({
          action: 'exchange.keys.print',
          targetType: 'office',
          targetId: ctx.office.code,
          details: {},
        }),
      );
      return {
        fileName: `phieu-dang-ky-khoa-${file.office.code}-${fileStamp(ctx.now())}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
  'exchange.directoryList': {
    run: (ctx, input) => {
      const pinned = pinnedProvinceKey(ctx.db);
      return {
        offices: listOffices(ctx.db)
          .filter((o) => input.includeRevoked || !o.revokedAt)
          .map((o) => viewOf(ctx.db, o, ctx.now())),
        province: pinned
          ? { office: pinned.office, fingerprint: pinned.fingerprint, pinnedAt: pinned.pinnedAt }
          : null,
      };
    },
  },
  'exchange.addOffice': {
    run: (ctx, input) => {
      requireProvince(ctx, 'exchange.office.add');
      try {
        return ctx.tx(() => {
          const row = addOffice(ctx.db, input, writerOf(ctx));
          ctx.audit({
            action: 'exchange.office.add',
            targetType: 'office',
            targetId: row.code,
            details: { fingerprint: row.fingerprint, level: row.level, groups: row.groups },
          });
          return viewOf(ctx.db, row, ctx.now());
        });
      } catch (e) {
        auditRefusal(ctx, e, {
          action: 'exchange.office.add',
          targetType: 'office',
          targetId: '',
          details: {},
        });
      }
    },
  },
  'exchange.updateOffice': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = updateOffice(ctx.db, input.id, input.version, input, writerOf(ctx));
        ctx.audit({
          action: 'exchange.office.update',
          targetType: 'office',
          targetId: row.code,
          details: { groups: row.groups, maySend: row.maySend, mayReceive: row.mayReceive },
        });
        return viewOf(ctx.db, row, ctx.now());
      }),
  },
  'exchange.revokeOffice': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = revokeOffice(ctx.db, input.id, input.version, input.reason, writerOf(ctx));
        ctx.audit({
          action: 'exchange.office.revoke',
          targetType: 'office',
          targetId: row.code,
          details: { reason: input.reason, fingerprint: row.fingerprint },
        });
        return viewOf(ctx.db, row, ctx.now());
      }),
  },
  'exchange.publishDirectory': {
    run: async (ctx) => {
      requireProvince(ctx, 'exchange.directory.publish');
      checkPackageOfficeCode(ctx.office.code, 'office');
      const recipients = resolveRecipients(ctx.db, { all: true }, ctx.now());
      if (recipients.length === 0)
        throw new AppError('VALIDATION', 'The directory has no active office to publish to');
      const records = directoryRecords(ctx.db);
      const last = lastPublished(ctx.db);
      const sender = ownKeys(ctx.db);
      try {
        const built = await buildPackage({
          sender,
          recipients,
          sequence: (last?.sequence ?? 0) + 1,
          prevHash: last?.hash ?? null,
          createdAt: ctx.now().toISOString(),
          auditHead: ownAuditHead(ctx.db),
          // The directory is its own chain: receipts travel in data packages.
          ack: null,
          records,
        });
        ctx.tx(() => {
          // Another publication meanwhile would make two packages with one sequence (a fork).
          if (lastPublished(ctx.db)?.sequence !== last?.sequence)
            throw new AppError('CONFLICT', 'The directory was published meanwhile; publish again');
          markPublished(ctx.db, { sequence: built.manifest.sequence, hash: built.hash });
          ctx.audit({
            action: 'exchange.directory.publish',
            targetType: 'package',
            targetId: built.hash,
            details: {
              sequence: built.manifest.sequence,
              offices: records.length,
              recipients: recipients.length,
            },
          });
        });
        return {
          file: {
            fileName: `danh-ba-don-vi-${ctx.office.code}-${built.manifest.sequence}.ttll`,
            mime: 'application/octet-stream',
            dataBase64: built.bytes.toString('base64'),
          },
          sequence: built.manifest.sequence,
          hash: built.hash,
          offices: records.length,
          recipients: recipients.length,
        };
      } finally {
        sender.signingSecret.fill(0);
      }
    },
  },
  'exchange.acceptDirectory': {
    run: async (ctx, input) => {
      const entry = { action: 'exchange.directory.accept', targetType: 'package' } as const;
      if (ctx.office.level === 'province')
        throw new AppError('VALIDATION', 'This office is the province: it publishes the directory');
      const [us, ...retired] = ownKeyRing(ctx.db);
      if (!us) throw new AppError('VALIDATION', 'This office has no exchange keys yet');
      for (const k of [us, ...retired]) k.signingSecret.fill(0); // opening needs only the age identities
      try {
        const file = Buffer.from(input.dataBase64, 'base64');
        const pinned = pinnedProvinceKey(ctx.db);
        const { opened, province, firstPin } = await openDirectory(
          file,
          [us, ...retired],
          pinned,
          input.fingerprint,
        );
        return ctx.tx(() => {
          // The key may have been pinned by another acceptance meanwhile: it must be the same one.
          const now = pinnedProvinceKey(ctx.db);
          if (now && now.signingKey !== province.signingKey)
            throw new DirectoryRefused('PKG_UNKNOWN_SENDER', 'another province key was pinned meanwhile');
          if (firstPin) pinProvinceKey(ctx.db, { ...province, pinnedAt: vnIsoDate(ctx.now()) });
          const results = applyPackage(
            ctx.db,
            opened.records.map((r) => ({ table: OFFICE_RECORDS, record: r.record })),
            { office: province.office, level: 'province' },
          );
          const refused = results.find((r) => r.outcome === 'rejected');
          if (refused?.outcome === 'rejected')
            throw new DirectoryRefused('PKG_PAYLOAD_INVALID', `an entry was refused: ${refused.message}`);
          const count = (o: string) => results.filter((r) => r.outcome === o).length;
          const summary = {
            inserted: count('inserted'),
            updated: count('updated'),
            deleted: count('deleted'),
            unchanged: count('unchanged'),
          };
          // An older directory applied again changes nothing (versions) and does not move the mark back.
          if (opened.manifest.sequence > (lastAccepted(ctx.db)?.sequence ?? 0))
            markAccepted(ctx.db, { sequence: opened.manifest.sequence, hash: opened.hash });
          ctx.audit({
            ...entry,
            targetId: opened.hash,
            details: {
              province: province.office,
              sequence: opened.manifest.sequence,
              pinned: firstPin,
              ...summary,
            },
          });
          return {
            province: province.office,
            sequence: opened.manifest.sequence,
            pinned: firstPin,
            ...summary,
          };
        });
      } catch (e) {
        auditRefusal(ctx, e, { ...entry, targetId: '', details: {} });
      }
    },
  },
});
