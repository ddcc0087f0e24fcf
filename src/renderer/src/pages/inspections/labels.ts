import type { ItemResult, Severity } from '../../../../shared/contract';
import type { MessageKey } from '../../i18n';

export const RESULT_KEYS: Record<ItemResult, MessageKey> = {
  dat: 'inspections.result.dat',
  'khong-dat': 'inspections.result.khong-dat',
  'khong-ap-dung': 'inspections.result.khong-ap-dung',
};
export const SEVERITY_KEYS: Record<Severity, MessageKey> = {
  high: 'inspections.severity.high',
  medium: 'inspections.severity.medium',
  low: 'inspections.severity.low',
};
