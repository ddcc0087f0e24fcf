// The 34 provinces and centrally-run cities after the 2025 merger (Nghị quyết 202/2025/QH15,
// from 01/7/2025). The list itself is reference data in resources/ so it can be updated without
// code; this module gives the renderer a typed, Vietnamese-sorted view of it.
import reference from '../../../../resources/reference/provinces.json';
import { compareVietnamese } from '../../../shared/text';

export const PROVINCES_VERSION: string = reference.version;

/** Cities first (as in the resolution), then provinces in Vietnamese alphabetical order. */
export const PROVINCES: readonly string[] = [
  ...reference.provinces.filter((p) => p.startsWith('Thành phố ')),
  ...reference.provinces.filter((p) => !p.startsWith('Thành phố ')).sort(compareVietnamese),
];
