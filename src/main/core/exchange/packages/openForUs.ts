/**
 * Opening a package with whichever of this office's keys it was made for: the current one, or one
 * retired since it was made (a rotation while the package was on its way). openPackage checks the
 * addressee against one key, so each is tried in turn, current first, until one is addressed.
 */
import type { OfficeKeys } from '../package/keys';
import { openPackage, type OpenContext, type OpenedPackage, type RefusedPackage } from '../package/package';

export async function openForUs(
  file: Buffer,
  ring: readonly OfficeKeys[],
  senderKey: OpenContext['senderKey'],
): Promise<OpenedPackage | RefusedPackage> {
  const [current, ...retired] = ring;
  if (!current) throw new Error('This office has no exchange keys yet');
  const first = await openPackage(file, { us: current, senderKey });
  if (first.ok || first.code !== 'PKG_NOT_FOR_US') return first;
  for (const us of retired) {
    const r = await openPackage(file, { us, senderKey });
    if (r.ok || r.code !== 'PKG_NOT_FOR_US') return r;
  }
  // Addressed to none of our keys: the refusal names the current one.
  return first;
}
