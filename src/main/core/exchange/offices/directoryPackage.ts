/**
 * The directory as a package: the province signs it (package.ts buildPackage) for every office in
 * it; an office opens it only with the province's pinned key. At the first acceptance no key is
 * pinned yet: the province's own entry inside the package is the candidate, taken only when its
 * fingerprint is the one the administrator typed from the province's printed form, and the
 * package's signature is then verified with it before anything is applied.
 */
import { AppError } from '../../errors';
import { PackageError, type PackageReason } from '../package/codes';
import { ENVELOPE_ENTRY, readContainer } from '../package/container';
import { decryptFrom } from '../package/encryption';
import { openEnvelope } from '../package/envelope';
import { fingerprint, signingKeyId, type OfficeKeys } from '../package/keys';
import { parseManifest } from '../package/manifest';
import { openPackage, type OpenedPackage } from '../package/package';
import { parsePayload } from '../package/payload';
import { OFFICE_RECORD_TYPE, type PinnedProvinceKey } from './directory';

/** A directory refused: the package's reason code (or ours) and an English sentence. */
export class DirectoryRefused extends AppError {
  constructor(
    readonly reason: PackageReason | 'DIR_FINGERPRINT_MISMATCH' | 'DIR_NOT_DIRECTORY' | 'DIR_NO_PROVINCE_KEY',
    message: string,
  ) {
    super('VALIDATION', `Directory refused (${reason}): ${message}`, [
      { path: 'file', message, code: reason },
    ]);
  }
}

/**
 * The province's keys as the package's own entry states them, trusted only by the typed
 * fingerprint. Decrypting before the signature is checked is limited to this step: age
 * authenticates what it releases, and nothing read here is applied.
 */
async function candidateProvinceKey(file: Buffer, us: OfficeKeys, typed: string): Promise<PinnedProvinceKey> {
  let found: Record<string, unknown> | undefined;
  let sender: { office: string; keyId: string };
  try {
    const [first, records] = readContainer(file);
    if (first?.name !== ENVELOPE_ENTRY || !records)
      throw new PackageError('PKG_ENVELOPE_INVALID', 'envelope.json is not first');
    sender = parseManifest(openEnvelope(first.data).manifestBytes).sender;
    const items = parsePayload(await decryptFrom(us.ageIdentity, records.data));
    found = items.find((i) => i.type === OFFICE_RECORD_TYPE && i.record.code === sender.office)?.record;
  } catch (e) {
    if (e instanceof PackageError) throw new DirectoryRefused(e.code, e.message);
    throw e;
  }
  if (!found || typeof found.signingKey !== 'string' || typeof found.recipient !== 'string')
    throw new DirectoryRefused(
      'DIR_NOT_DIRECTORY',
      `the package holds no entry of its sender ${sender.office}`,
    );
  const keys = { office: sender.office, signingKey: found.signingKey, recipient: found.recipient };
  const fp = fingerprint(keys);
  if (fp !== typed || found.level !== 'province')
    throw new DirectoryRefused(
      'DIR_FINGERPRINT_MISMATCH',
      `the sender ${sender.office} is not the province whose fingerprint was typed`,
    );
  // pinnedAt is set by the acceptance that pins it.
  return { ...keys, level: 'province', fingerprint: fp, pinnedAt: '' };
}

/**
 * Verifies a directory package completely: signed by the pinned province key (or, with none
 * pinned, by the key the typed fingerprint names), addressed to us (our current keys first, then
 * those retired since: a directory published before a rotation still opens), holding only
 * directory entries. Returns the opened package and the key it was verified with.
 */
export async function openDirectory(
  file: Buffer,
  [us, ...retired]: readonly [OfficeKeys, ...OfficeKeys[]],
  pinned: PinnedProvinceKey | null,
  typed: string | undefined,
): Promise<{ opened: OpenedPackage; province: PinnedProvinceKey; firstPin: boolean }> {
  if (!pinned && !typed)
    throw new DirectoryRefused(
      'DIR_NO_PROVINCE_KEY',
      "no province key is pinned yet: give the province's fingerprint from its printed key form",
    );
  const province = pinned ?? (await candidateProvinceKey(file, us, typed ?? ''));
  const keyId = signingKeyId(province.signingKey);
  const opened = await openPackage(file, {
    us,
    retired,
    // Only the province's key: a directory signed by any other office is an unknown sender here.
    senderKey: (office, id) =>
      office === province.office && id === keyId
        ? { signingKey: province.signingKey, revoked: false }
        : undefined,
  });
  if (!opened.ok) throw new DirectoryRefused(opened.code, opened.message);
  const other = opened.records.find((r) => r.type !== OFFICE_RECORD_TYPE);
  if (other) throw new DirectoryRefused('DIR_NOT_DIRECTORY', `it holds records of type ${other.type}`);
  return { opened, province, firstPin: !pinned };
}
