/**
 * The records a package carries, as the encrypted JSON document the manifest's `records` blob
 * holds: each a record type (what the DB-backed half's registry resolves) and a shared record
 * with the meta every travelling record has (SharedRecordMeta). Only the shape is checked here;
 * ownership, versions and the registry come with the DB-backed half.
 */
import { z } from 'zod';
import { SharedRecordMeta } from '../../../../shared/contract';
import { canonicalBytes, parseCanonical } from './canonical';
import { PackageError } from './codes';
import { MAX_RECORDS } from './limits';

export const PackageRecord = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'record type'),
  record: SharedRecordMeta.loose(),
});
export type PackageRecord = z.infer<typeof PackageRecord>;

const Payload = z.strictObject({ records: z.array(PackageRecord).max(MAX_RECORDS) });

export function payloadBytes(records: readonly PackageRecord[]): Buffer {
  return canonicalBytes({ records });
}

export function parsePayload(bytes: Uint8Array): PackageRecord[] {
  const json = parseCanonical(bytes);
  if (!json.ok) throw new PackageError('PKG_PAYLOAD_INVALID', `${json.problem}: ${json.detail}`);
  const parsed = Payload.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackageError('PKG_PAYLOAD_INVALID', `${issue?.path.join('.') || 'records'}: ${issue?.message}`);
  }
  return parsed.data.records;
}
