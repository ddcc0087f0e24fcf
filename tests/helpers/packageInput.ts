import type { OfficeKeys } from '../../src/main/core/exchange/package/keys';
import { publicKeysOf } from '../../src/main/core/exchange/package/keys';
import type { BuildInput } from '../../src/main/core/exchange/package/package';

/** The first package from `sender` to `to`, with no records and these attachments. */
export const attachmentsPackage = (
  sender: OfficeKeys,
  to: OfficeKeys,
  attachments: BuildInput['attachments'],
): BuildInput => ({
  sender,
  recipients: [publicKeysOf(to)],
  sequence: 1,
  prevHash: null,
  createdAt: '2026-11-28T08:00:00.000Z',
  auditHead: { count: 1, hash: 'a'.repeat(64) },
  ack: null,
  records: [],
  attachments,
});
