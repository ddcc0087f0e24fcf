import { describe, expect, it } from 'vitest';
import { daysBetweenIso, overdueDays, partyOf } from '../../src/renderer/src/pages/docs/listMarks';

describe('document list marks', () => {
  it('counts the days an entry is past its deadline, by the core rule', () => {
    const e = { status: 'registered' as const, processing: 'pending' as const, deadline: '2026-11-20' };
    expect(overdueDays(e, '2026-11-28')).toBe(8);
    expect(overdueDays(e, '2026-11-20')).toBe(0); // due today: not yet overdue
    expect(overdueDays({ ...e, processing: 'done' }, '2026-11-28')).toBe(0);
    expect(overdueDays({ ...e, status: 'voided' }, '2026-11-28')).toBe(0);
    expect(overdueDays({ ...e, deadline: null }, '2026-11-28')).toBe(0);
    expect(daysBetweenIso('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetweenIso('2025-12-31', '2026-01-01')).toBe(1);
  });

  it('names the sender of an incoming entry and the recipients of an outgoing one', () => {
    expect(partyOf({ direction: 'in', sender: 'UBND tỉnh', recipients: [] })).toBe('UBND tỉnh');
    expect(
      partyOf({
        direction: 'out',
        sender: '',
        recipients: ['Các xã, phường trên địa bàn tỉnh', 'Sở Nội vụ'],
      }),
    ).toBe('Các xã, phường trên địa bàn tỉnh; Sở Nội vụ');
    expect(partyOf({ direction: 'out', sender: null, recipients: null })).toBeNull();
  });
});
