import { ITEM_RESULTS, type ItemResult, type Severity } from '../../../../shared/contract';
import type { MessageKey, Translate } from '../../i18n';

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

/** The three results as the options of a segmented control, in the checklist's order. */
export const resultOptions = (t: Translate) =>
  ITEM_RESULTS.map((r) => ({ value: r, label: t(RESULT_KEYS[r]) }));
