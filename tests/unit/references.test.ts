import { describe, expect, it } from 'vitest';
import { call, failure, setupCore } from '../helpers/core';

// A reference to an organisation or a contact must name a live record: an id that never existed
// (a typo in a CLI file, a stale form) or a deleted one is refused with the field named.
const NOWHERE = '01890a5d-ac96-774b-bcce-b302099a8057';

const fieldsOf = (e: { code: string; issues?: { path: string; code?: string }[] }) =>
  [e.code, ...(e.issues ?? []).map((i) => `${i.path}:${i.code ?? ''}`)].join(' ');

describe('references to contacts and organisations', () => {
  it('docs.register refuses an unknown or deleted sender contact or organisation', async () => {
    const { core } = await setupCore();
    const org = await call(core, 'contacts.orgs.save', { name: 'UBND tỉnh', kind: 'provincial-agency' });
    const person = await call(core, 'contacts.save', { fullName: 'Nguyễn Văn Đức', organizationId: org.id });
    const entry = { direction: 'in' as const, type: 'CV' as const, documentDate: '2026-03-02' };

    expect(fieldsOf(await failure(core, 'docs.register', { ...entry, senderContactId: NOWHERE }))).toBe(
      'VALIDATION senderContactId:reference',
    );
    expect(fieldsOf(await failure(core, 'docs.register', { ...entry, organizationId: NOWHERE }))).toBe(
      'VALIDATION organizationId:reference',
    );
    // An organisation id given as the contact (and the other way round) is no contact.
    expect(
      fieldsOf(
        await failure(core, 'docs.register', {
          ...entry,
          senderContactId: org.id,
          organizationId: person.id,
        }),
      ),
    ).toBe('VALIDATION senderContactId:reference organizationId:reference');
    // Nothing was numbered by the refusals.
    const ok = await call(core, 'docs.register', {
      ...entry,
      senderContactId: person.id,
      organizationId: org.id,
    });
    expect(ok.entry.number).toBe(1);

    await call(core, 'contacts.delete', { id: person.id, version: person.version });
    expect(fieldsOf(await failure(core, 'docs.register', { ...entry, senderContactId: person.id }))).toBe(
      'VALIDATION senderContactId:reference',
    );
    const orgNow = (await call(core, 'contacts.orgs.list', {})).find((o) => o.id === org.id)!;
    await call(core, 'contacts.orgs.delete', { id: org.id, version: orgNow.version });
    expect(fieldsOf(await failure(core, 'docs.register', { ...entry, organizationId: org.id }))).toBe(
      'VALIDATION organizationId:reference',
    );
  });

  it('contacts.save refuses an unknown or deleted organisation; a contact may keep the one it has', async () => {
    const { core } = await setupCore();
    expect(
      fieldsOf(await failure(core, 'contacts.save', { fullName: 'Lê Thị An', organizationId: NOWHERE })),
    ).toBe('VALIDATION organizationId:reference');
    const org = await call(core, 'contacts.orgs.save', {
      name: 'UBND xã Đồng Mẫu',
      kind: 'commune-committee',
    });
    const an = await call(core, 'contacts.save', { fullName: 'Lê Thị An', organizationId: org.id });
    expect(
      fieldsOf(await failure(core, 'contacts.save', { ...an, organizationId: NOWHERE, version: an.version })),
    ).toBe('VALIDATION organizationId:reference');
    await call(core, 'contacts.orgs.delete', { id: org.id, version: 1 });
    expect(
      fieldsOf(await failure(core, 'contacts.save', { fullName: 'Trần Bình', organizationId: org.id })),
    ).toBe('VALIDATION organizationId:reference');
    // Editing An's phone does not force a new organisation on her.
    const edited = await call(core, 'contacts.save', {
      id: an.id,
      version: an.version,
      fullName: an.fullName,
      organizationId: org.id,
      phones: ['0912000111'],
    });
    expect(edited.phones).toEqual(['0912000111']);
  });

  it('contacts.orgs.save refuses an unknown or deleted parent', async () => {
    const { core } = await setupCore();
    expect(
      fieldsOf(
        await failure(core, 'contacts.orgs.save', {
          name: 'Phòng A',
          kind: 'provincial-agency',
          parentId: NOWHERE,
        }),
      ),
    ).toBe('VALIDATION parentId:reference');
    const parent = await call(core, 'contacts.orgs.save', { name: 'Sở A', kind: 'provincial-agency' });
    const child = await call(core, 'contacts.orgs.save', {
      name: 'Phòng A',
      kind: 'provincial-agency',
      parentId: parent.id,
    });
    expect(
      fieldsOf(
        await failure(core, 'contacts.orgs.save', {
          id: child.id,
          version: child.version,
          name: child.name,
          kind: child.kind,
          parentId: NOWHERE,
        }),
      ),
    ).toBe('VALIDATION parentId:reference');
    const other = await call(core, 'contacts.orgs.save', { name: 'Sở B', kind: 'provincial-agency' });
    await call(core, 'contacts.orgs.delete', { id: other.id, version: other.version });
    expect(
      fieldsOf(
        await failure(core, 'contacts.orgs.save', {
          name: 'Phòng B',
          kind: 'provincial-agency',
          parentId: other.id,
        }),
      ),
    ).toBe('VALIDATION parentId:reference');
  });
});
