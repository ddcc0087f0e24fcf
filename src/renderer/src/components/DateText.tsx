import { formatDate, formatDateTime } from '../../../shared/dates';

/** "15/03/2026 08:30" in Vietnam time: the date first, as in every table of the app. */
export function formatStamp(iso: string): string {
  // formatDateTime gives "08:30 15/03/2026"; its first five characters are the time.
  return `${formatDate(iso)} ${formatDateTime(iso).slice(0, 5)}`;
}

/** A date (or date and time) as dd/mm/yyyy, with the machine-readable value in a <time>. */
export function DateText(props: { iso: string | null | undefined; withTime?: boolean; empty?: string }) {
  if (!props.iso) return <>{props.empty ?? ''}</>;
  return (
    <time dateTime={props.iso} style={{ whiteSpace: 'nowrap' }}>
      {props.withTime ? formatStamp(props.iso) : formatDate(props.iso)}
    </time>
  );
}
