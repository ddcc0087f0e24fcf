import type { OrgKind } from '../../../shared/contract';

/** Vietnamese names of organisation kinds, for printouts and exports (always Vietnamese). */
export const ORG_KIND_LABELS_VI: Record<OrgKind, string> = {
  'provincial-agency': 'Cơ quan cấp tỉnh',
  'commune-committee': 'UBND xã, phường',
  'election-committee': 'Ủy ban bầu cử',
  'polling-team': 'Tổ bầu cử',
  telecom: 'Doanh nghiệp viễn thông',
  postal: 'Doanh nghiệp bưu chính',
  broadcaster: 'Đài phát thanh - truyền hình',
  'radio-station': 'Đài vô tuyến điện',
  'police-military': 'Công an, quân sự',
  other: 'Khác',
};
