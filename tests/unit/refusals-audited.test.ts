import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import type { AuditListEntry, Channel, InputOf } from '../../src/shared/contract';
import { vnIsoDate, vnYear } from '../../src/shared/dates';
import { minimalPdf } from '../helpers/pdf';
import { addUser, ADMIN_PASSWORD, call, failure, setupCore, switchTo } from '../helpers/core';

const entry = (over: Partial<InputOf<'docs.register'>> = {}): InputOf<'docs.register'> => ({
  direction: 'in',
  level: 'none',
  type: 'CV',
  documentDate: '2026-03-02',
  sender: 'UBND tỉnh',
  summary: 'Công văn',
  ...over,
});

const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const SECRET_BOOK = 'Số đến,Ngày đến,Trích yếu,Độ mật\n1,02/01/2024,Văn bản,Mật\n';

interface Refusal {
  user: string;
  what: string;
  call: (core: Core) => Promise<unknown>;
  /** The audit entry it must leave: its action and target. */
  action: string;
  targetId: string;
}

const attempt =
  <C extends Channel>(channel: C, input: InputOf<C>) =>
  (core: Core) =>
    failure(core, channel, input);

describe('every refusal is audited', () => {
  it('leaves a denied entry for each refused call, with the target and no text of it', async () => {
    const { core } = await setupCore();
    const mat = (await call(core, 'docs.register', entry({ level: 'mat', summary: 'Bí mật A' }))).entry;
    const toiMat = (await call(core, 'docs.register', entry({ level: 'toi-mat', summary: 'Bí mật B' })))
      .entry;
    await addUser(core, 'dieuphoi', 'mat', 'coordinator');
    await addUser(core, 'vanthu', 'mat', 'clerk');
    await addUser(core, 'thuong', 'none', 'clerk');
    const today = vnIsoDate(new Date());
    const decision = { documentId: mat.id, version: mat.version, decisionRef: 'QĐ 1', decidedBy: 'GĐ' };

    const refusals: Refusal[] = [
      {
        user: 'vanthu',
        what: 'registration above clearance',
        call: attempt('docs.register', entry({ level: 'toi-mat' })),
        action: 'docs.register',
        targetId: 'secret-in',
      },
      {
        user: 'dieuphoi',
        what: 'a coordinator registering a classified entry',
        call: attempt('docs.register', entry({ level: 'mat' })),
        action: 'docs.register',
        targetId: 'secret-in',
      },
      {
        user: 'thuong',
        what: 'preview of a legacy book into a secret register, uncleared',
        call: attempt('docs.importPreview', {
          register: 'secret-in',
          fileName: 'so.csv',
          dataBase64: csv(SECRET_BOOK),
        }),
        action: 'docs.import',
        targetId: 'secret-in',
      },
      {
        user: 'dieuphoi',
        what: 'preview into a secret register by a coordinator',
        call: attempt('docs.importPreview', {
          register: 'secret-out',
          fileName: 'so.csv',
          dataBase64: csv(SECRET_BOOK),
        }),
        action: 'docs.import',
        targetId: 'secret-out',
      },
      {
        user: 'dieuphoi',
        what: 'coordinator transfer',
        call: attempt('docs.transfer', { documentId: mat.id, toPerson: 'Ai đó' }),
        action: 'docs.transfer',
        targetId: mat.id,
      },
      {
        user: 'dieuphoi',
        what: 'coordinator attach',
        call: attempt('docs.attach', {
          documentId: mat.id,
          fileName: 'a.pdf',
          dataBase64: minimalPdf('x').toString('base64'),
        }),
        action: 'docs.attach',
        targetId: mat.id,
      },
      {
        user: 'dieuphoi',
        what: 'coordinator copies',
        call: attempt('docs.recordCopies', {
          documentId: mat.id,
          authorisedBy: 'GĐ',
          authorisationRef: 'Phiếu 1',
          quantity: 1,
        }),
        action: 'docs.recordCopies',
        targetId: mat.id,
      },
      {
        user: 'dieuphoi',
        what: 'coordinator recall',
        call: attempt('docs.decide', { kind: 'recall', ...decision, decidedAt: today, reason: 'Thu hồi' }),
        action: 'docs.recall',
        targetId: mat.id,
      },
      {
        user: 'dieuphoi',
        what: 'coordinator void',
        call: attempt('docs.void', { id: mat.id, version: mat.version, reason: 'Nhầm' }),
        action: 'docs.void',
        targetId: mat.id,
      },
      {
        user: 'vanthu',
        what: 'void above clearance',
        call: attempt('docs.void', { id: toiMat.id, version: toiMat.version, reason: 'Nhầm' }),
        action: 'docs.void',
        targetId: toiMat.id,
      },
      {
        user: 'vanthu',
        what: 'printing a register holding a Tối mật entry',
        call: attempt('docs.printRegister', { register: 'secret-in', year: vnYear(new Date()) }),
        action: 'docs.print',
        targetId: 'secret-in',
      },
      {
        user: 'thuong',
        what: 'a channel the role may not call',
        call: attempt('users.list', {}),
        action: 'audit.denied',
        targetId: 'users.list',
      },
    ];

    const seen: string[] = [];
    for (const r of refusals) {
      await switchTo(core, r.user);
      expect(((await r.call(core)) as { code: string }).code, r.what).toBe('FORBIDDEN');
      seen.push(`${r.user} ${r.action} ${r.targetId}`);
    }
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const denied = (await call(core, 'audit.list', { limit: 1000 })).items.filter(
      (e: AuditListEntry) => e.outcome === 'denied',
    );
    expect(denied.map((e) => `${e.actor} ${e.action} ${e.targetId}`).reverse()).toEqual(seen);
    // The refused entries were not changed.
    expect((await call(core, 'docs.get', { id: toiMat.id })).entry.status).toBe('registered');
    expect((await call(core, 'docs.get', { id: mat.id })).entry.status).toBe('registered');
    expect(JSON.stringify(denied)).not.toMatch(/Bí mật|Ai đó|Phiếu 1/);
  });
});

describe('voiding', () => {
  it('is refused on an entry already closed by a decision: recalled, destroyed or declassified', async () => {
    const { core } = await setupCore();
    const base = { decisionRef: 'QĐ 2', decidedBy: 'Giám đốc', decidedAt: '2026-03-10' };
    const recalled = (await call(core, 'docs.register', entry({ level: 'mat' }))).entry;
    const destroyed = (await call(core, 'docs.register', entry({ level: 'mat' }))).entry;
    const declassified = (await call(core, 'docs.register', entry({ level: 'mat' }))).entry;
    const closed = [
      await call(core, 'docs.decide', {
        kind: 'recall',
        documentId: recalled.id,
        version: recalled.version,
        ...base,
        reason: 'Nơi gửi thu hồi',
      }),
      await call(core, 'docs.decide', {
        kind: 'destroy',
        documentId: destroyed.id,
        version: destroyed.version,
        ...base,
        council: ['Nguyễn Văn An', 'Trần Thị Bình'],
        recordRef: 'BB 01',
        method: 'Nghiền',
      }),
      await call(core, 'docs.decide', {
        kind: 'declassify',
        documentId: declassified.id,
        version: declassified.version,
        ...base,
      }),
    ];
    const reportBefore = await call(core, 'docs.yearReport', { year: vnYear(new Date()) });
    for (const e of closed) {
      const err = await failure(core, 'docs.void', { id: e.id, version: e.version, reason: 'Nhầm' });
      expect(err.code, e.status).toBe('CONFLICT');
      expect(err.message).toMatch(/cannot be voided/);
    }
    expect(await call(core, 'docs.yearReport', { year: vnYear(new Date()) })).toEqual(reportBefore);
    const live = (await call(core, 'docs.register', entry({ level: 'mat' }))).entry;
    expect(
      (await call(core, 'docs.void', { id: live.id, version: live.version, reason: 'Nhầm' })).status,
    ).toBe('voided');
    const again = await failure(core, 'docs.void', {
      id: live.id,
      version: live.version + 1,
      reason: 'Nhầm',
    });
    expect(again.code).toBe('CONFLICT');
  });
});
