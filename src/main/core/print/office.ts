/**
 * What every printout takes from the office profile (Quản trị → thông tin cơ quan, or the CLI's
 * `settings office-set`): the body above, the office's name, the place of the date line and the
 * drafting unit of "Lưu: VT, <unit>".
 */
import type { OfficeProfile } from '../../../shared/contract';

/** "Sở Khoa học và Công nghệ tỉnh Nghệ An" → "Nghệ An"; '' when the name names no place. */
export function placeInName(name: string): string {
  const m = /(?:tỉnh|thành phố|xã|phường|đặc khu)\s+(.+)$/iu.exec(name.trim());
  return m?.[1]?.trim() ?? '';
}

/**
 * The place of the date line: the place name set in the profile, else the province; never the
 * office's own name (an older setup could store the name as the province).
 */
export function officePlace(office: OfficeProfile): string {
  if (office.placeName?.trim()) return office.placeName.trim();
  if (office.province.trim() && office.province.trim() !== office.name.trim()) return office.province.trim();
  return placeInName(office.name) || office.province;
}

/** The drafting unit asked for, else the office's first one, else '' ("Lưu: VT."). */
export function draftingUnitOf(office: OfficeProfile, asked?: string): string {
  if (asked?.trim()) return asked.trim();
  return office.draftingUnits?.[0]?.code ?? '';
}

/** The header fields of an official document issued by this office. */
export function issuer(office: OfficeProfile) {
  return { parentBody: office.parentOffice, issuingBody: office.name, place: officePlace(office) };
}
