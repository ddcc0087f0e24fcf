import type { OfficeKeyFile, OfficeProfile } from '../../../../shared/contract';

export async function buildKeyFormDocx(
  _f: OfficeKeyFile,
  _fp: string,
  _o: OfficeProfile,
  _at: Date,
): Promise<Buffer> {
  return Promise.resolve(Buffer.alloc(0));
}
