import { describe, expect, it } from 'vitest';
import { checkDate, isoToTyped } from '../../src/shared/dates';
import { clearDraft, loadDraft, saveDraft } from '../../src/renderer/src/components/drafts';
import { idleAction, warnWindowMs } from '../../src/renderer/src/components/idleClock';
import {
  draftOf,
  EMPTY_REGISTER_FORM,
  isFilled,
  registerProblems,
} from '../../src/renderer/src/pages/docs/registerForm';

describe('dates as typed', () => {
  it('says which rule a date breaks', () => {
    expect(checkDate('31/02/2026')).toEqual({ ok: false, problem: 'no-such-day', day: '31/02/2026' });
    expect(checkDate('2026-02-30')).toEqual({ ok: false, problem: 'no-such-day', day: '30/02/2026' });
    expect(checkDate('', true)).toEqual({ ok: false, problem: 'required' });
    expect(checkDate('')).toEqual({ ok: true, iso: null });
    expect(checkDate('mai')).toEqual({ ok: false, problem: 'format' });
    expect(checkDate('12/13/2026')).toEqual({ ok: false, problem: 'format' });
    expect(checkDate('01/01/1850')).toEqual({ ok: false, problem: 'year-range' });
  });

  it('accepts 28/11/2026, 28-11-2026, 28.11.2026 and ISO alike', () => {
    for (const typed of ['28/11/2026', '28-11-2026', '28.11.2026', '2026-11-28', ' 28/11/2026 '])
      expect(checkDate(typed), typed).toEqual({ ok: true, iso: '2026-11-28' });
    expect(isoToTyped('2026-03-05')).toBe('05/03/2026');
  });
});

describe('the register form', () => {
  it('reports every problem at once, each for its field', () => {
    const f = {
      ...EMPTY_REGISTER_FORM,
      documentDate: '31/02/2026',
      deadline: 'mai',
      summary: 'x'.repeat(2001),
      symbol: 'y'.repeat(101),
    };
    expect(registerProblems(f).map((p) => p.field)).toEqual([
      'documentDate',
      'deadline',
      'symbol',
      'summary',
    ]);
    expect(registerProblems({ ...EMPTY_REGISTER_FORM, documentDate: '28.11.2026' })).toEqual([]);
    expect(registerProblems(EMPTY_REGISTER_FORM)).toEqual([
      { field: 'documentDate', date: { ok: false, problem: 'required' } },
    ]);
    const secret = {
      ...EMPTY_REGISTER_FORM,
      documentDate: '28/11/2026',
      level: 'tuyet-mat' as const,
      summary: 'a',
    };
    expect(registerProblems(secret)).toEqual([{ field: 'summary', needsConsent: true }]);
  });

  it('keeps a draft of an ordinary form only, for its user only', () => {
    const typed = { ...EMPTY_REGISTER_FORM, symbol: '12/UBND', summary: 'Về việc…' };
    expect(isFilled(EMPTY_REGISTER_FORM)).toBe(false);
    expect(draftOf(typed)).toEqual(typed);
    expect(draftOf({ ...typed, level: 'mat' })).toBeNull();
    expect(draftOf(EMPTY_REGISTER_FORM)).toBeNull();
    const mem = new Map<string, string>();
    const store = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
      removeItem: (k: string) => void mem.delete(k),
    };
    saveDraft('register', 'vanthu', typed, store);
    expect(loadDraft('register', 'vanthu', store)).toEqual(typed);
    expect(loadDraft('register', 'admin', store)).toBeNull();
    clearDraft('register', 'vanthu', store);
    expect(loadDraft('register', 'vanthu', store)).toBeNull();
  });
});

describe('the idle countdown', () => {
  const min = 60_000;
  it('warns in the last minute with the seconds left, keeps alive a user at the desk', () => {
    expect(warnWindowMs(10)).toBe(min);
    expect(warnWindowMs(1)).toBe(30_000);
    expect(idleAction(10, 0, 0, 5 * min)).toEqual({ kind: 'none' });
    expect(idleAction(10, 0, 0, 9.5 * min)).toEqual({ kind: 'warn', seconds: 30 });
    // Typed since the last call: the session is kept instead of warned.
    expect(idleAction(10, 0, 9 * min, 9.5 * min)).toEqual({ kind: 'keep-alive' });
    expect(idleAction(10, 0, 0, 10 * min)).toEqual({ kind: 'expired' });
  });
});

describe('the way out of a dialog', () => {
  it('is never "Hủy" beside an act that says "hủy"', async () => {
    const { wayOut } = await import('../../src/renderer/src/components/ConfirmModal');
    const { translator } = await import('../../src/renderer/src/i18n');
    const t = translator('vi');
    expect(wayOut(t, 'Hủy số')).toBe('Đóng');
    expect(wayOut(t, 'Tiêu hủy')).toBe('Đóng');
    expect(wayOut(t, 'Vào sổ văn bản', 'Lưu')).toBe('Hủy');
  });
});
