import { contactsContract } from '../../../shared/contract';
import { fileStamp } from '../../../shared/dates';
import { compareVietnamese, compareVietnameseNames } from '../../../shared/text';
import { defineHandlers } from '../handler';
import { DOCX_MIME } from '../print/mime';
import {
  contactStats,
  getContact,
  getContactRow,
  insertContact,
  listContacts,
  normalizePhones,
  setContactDeleted,
  updateContact,
} from './contactStore';
import type { DirectoryData } from './directoryDocx';
import { exportContactsCsv, exportContactsXlsx, type ExportRow } from './exportTable';
import { dropPreview } from '../import/previews';
import { commitImport, previewImport } from './importService';
import { ORG_KIND_LABELS_VI } from './labels';
import { checkReferences } from './references';
import { formatContactRolesVi } from './roleLabels';
import {
  getOrganization,
  insertOrganization,
  listOrganizations,
  setOrganizationDeleted,
  updateOrganization,
} from './organizations';
import type { CtxOf } from '../handler';
import { writerOf } from '../db/recordKernel';
import type { Contact } from '../../../shared/contract';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function orgView(ctx: CtxOf<typeof contactsContract>, id: string) {
  const o = listOrganizations(ctx.db, { query: '', includeDeleted: true }).find((x) => x.id === id);
  if (!o) throw new Error('organization vanished');
  return o;
}

/** Every live contact, in directory order, with filters for printing and export. */
function allContacts(
  ctx: CtxOf<typeof contactsContract>,
  f: { kind?: Contact['organizationKind'] | undefined; area?: string | undefined } = {},
): Contact[] {
  return listContacts(ctx.db, {
    query: '',
    kind: f.kind ?? undefined,
    area: f.area,
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  }).items;
}

/** Deletes (as a tombstone) or restores one record and audits it, in one transaction. */
function tombstone(
  ctx: CtxOf<typeof contactsContract>,
  action: (typeof contactsContract.auditActions)[number],
  targetType: string,
  id: string,
  change: () => void,
): { ok: true } {
  return ctx.tx(() => {
    change();
    ctx.audit({ action, targetType, targetId: id, details: {} });
    return { ok: true as const };
  });
}

export const contactsHandlers = defineHandlers(contactsContract)({
  'contacts.orgs.list': { run: ({ db }, input) => listOrganizations(db, input) },
  'contacts.orgs.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const { id, version, ...fields } = input;
        checkReferences(ctx.db, [
          {
            path: 'parentId',
            table: 'organizations',
            id: fields.parentId,
            current: id ? getOrganization(ctx.db, id).parentId : null,
          },
        ]);
        // The kernel's rebuild hook refreshes the index of its contacts (found by its name too).
        const row = id
          ? updateOrganization(ctx.db, id, version, fields, writerOf(ctx))
          : insertOrganization(ctx.db, fields, writerOf(ctx));
        ctx.audit({
          action: id ? 'contacts.orgs.update' : 'contacts.orgs.create',
          targetType: 'organization',
          targetId: row.id,
          details: { version: row.version },
        });
        return orgView(ctx, row.id);
      }),
  },
  'contacts.orgs.delete': {
    run: (ctx, input) =>
      tombstone(ctx, 'contacts.orgs.delete', 'organization', input.id, () =>
        setOrganizationDeleted(ctx.db, input.id, input.version, true, writerOf(ctx)),
      ),
  },
  'contacts.orgs.restore': {
    run: (ctx, input) =>
      tombstone(ctx, 'contacts.orgs.restore', 'organization', input.id, () =>
        setOrganizationDeleted(ctx.db, input.id, null, false, writerOf(ctx)),
      ),
  },

  'contacts.list': { run: ({ db }, input) => listContacts(db, input) },
  'contacts.stats': { run: ({ db }) => contactStats(db) },
  'contacts.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const { id, version, ...rest } = input;
        checkReferences(ctx.db, [
          {
            path: 'organizationId',
            table: 'organizations',
            id: rest.organizationId,
            current: id ? getContactRow(ctx.db, id).organizationId : null,
          },
        ]);
        const fields = { ...rest, phones: normalizePhones(rest.phones) };
        const row = id
          ? updateContact(ctx.db, id, version, fields, writerOf(ctx))
          : insertContact(ctx.db, fields, writerOf(ctx));
        ctx.audit({
          action: id ? 'contacts.update' : 'contacts.create',
          targetType: 'contact',
          targetId: row.id,
          details: { version: row.version },
        });
        return getContact(ctx.db, row.id);
      }),
  },
  'contacts.delete': {
    run: (ctx, input) =>
      tombstone(ctx, 'contacts.delete', 'contact', input.id, () =>
        setContactDeleted(ctx.db, input.id, input.version, true, writerOf(ctx)),
      ),
  },
  'contacts.restore': {
    run: (ctx, input) =>
      tombstone(ctx, 'contacts.restore', 'contact', input.id, () =>
        setContactDeleted(ctx.db, input.id, null, false, writerOf(ctx)),
      ),
  },
  'contacts.importPreview': {
    run: (ctx, input) =>
      previewImport(
        ctx.db,
        ctx.services,
        ctx.user.userName,
        input.fileName,
        Buffer.from(input.dataBase64, 'base64'),
      ),
  },
  'contacts.importCommit': {
    run: (ctx, input) => {
      const result = ctx.tx(() => {
        const r = commitImport(ctx.db, ctx.services, input.previewId, input.includeDuplicates, writerOf(ctx));
        ctx.audit({
          action: 'contacts.import',
          targetType: 'contact',
          targetId: input.previewId,
          details: { imported: r.imported, organizationsCreated: r.organizationsCreated, ids: r.ids },
        });
        return r;
      });
      dropPreview(ctx.services, input.previewId);
      return { imported: result.imported, organizationsCreated: result.organizationsCreated };
    },
  },
  'contacts.export': {
    run: async (ctx, input) => {
      const rows: ExportRow[] = allContacts(ctx).map((c) => ({
        fullName: c.fullName,
        position: c.position,
        organization: c.organizationName ?? '',
        organizationKindLabel: c.organizationKind ? ORG_KIND_LABELS_VI[c.organizationKind] : '',
        area: c.area,
        phones: c.phones,
        email: c.email,
        roles: c.roles,
        notes: c.notes,
      }));
      const data = input.format === 'csv' ? exportContactsCsv(rows) : await exportContactsXlsx(rows);
      ctx.tx(() =>
        ctx.audit({
          action: 'contacts.export',
          targetType: 'directory',
          targetId: input.format,
          details: { rows: rows.length },
        }),
      );
      return {
        fileName: `danh-ba-dau-moi-${fileStamp()}.${input.format}`,
        mime: input.format === 'csv' ? 'text/csv' : XLSX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
  'contacts.printDirectory': {
    run: async (ctx, input) => {
      const contacts = allContacts(ctx, { kind: input.kind, area: input.area });
      const byOrg = new Map<string | null, Contact[]>();
      for (const c of contacts) byOrg.set(c.organizationId, [...(byOrg.get(c.organizationId) ?? []), c]);
      const orgs = listOrganizations(ctx.db, { query: '', includeDeleted: true });
      const groups: DirectoryData['groups'] = [...byOrg.entries()]
        .map(([orgId, list]) => {
          const o = orgs.find((x) => x.id === orgId) ?? null;
          return {
            organization: o
              ? {
                  name: o.name,
                  // An organisation whose kind was never set prints without "(Khác)".
                  kindLabel: o.kind === 'other' ? '' : ORG_KIND_LABELS_VI[o.kind],
                  address: o.address,
                  switchboard: o.switchboard,
                }
              : null,
            contacts: list
              .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
              .map((c) => ({
                fullName: c.fullName,
                position: c.position,
                phones: c.phones,
                email: c.email,
                rolesLabel: formatContactRolesVi(c.roles),
              })),
          };
        })
        // Organisations in Vietnamese order; contacts without one last.
        .sort((a, b) =>
          !a.organization
            ? 1
            : !b.organization
              ? -1
              : compareVietnamese(a.organization.name, b.organization.name),
        );
      // Loaded on first print: the docx library is large and most sessions never print.
      const { buildDirectoryDocx } = await import('./directoryDocx');
      const data = await buildDirectoryDocx({
        office: ctx.office,
        generatedAt: ctx.now(),
        title: 'Bảo đảm thông tin liên lạc phục vụ bầu cử',
        groups,
        signerTitle: input.signerTitle,
        signerName: input.signerName,
        draftingUnit: input.draftingUnit,
      });
      ctx.tx(() =>
        ctx.audit({
          action: 'contacts.print',
          targetType: 'directory',
          targetId: 'docx',
          details: { contacts: contacts.length },
        }),
      );
      return {
        fileName: `danh-ba-dau-moi-${fileStamp()}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
});
