/** A 0..1 rate as a percentage with one decimal; no data reads as an em dash, never as 0%. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The date part of an ISO timestamp, or the value as is when it is already a day. */
export function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/** A timestamp to the minute in UTC, the zone every stored time is kept in. */
export function dateTime(value: string | null | undefined): string {
  return value ? `${value.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

export const count = (n: number): string => n.toLocaleString('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export const accountLabel = (id: string, name: string | null | undefined): string => (name ? `${name} (${id})` : id);

const SOURCE_LABEL: Record<string, string> = {
  rampart: 'Rampart checks',
  securityhub: 'Security Hub',
  guardduty: 'GuardDuty',
  inspector: 'Inspector',
};
export const sourceLabel = (source: string): string => SOURCE_LABEL[source] ?? source;

/** Control ids in benchmark order: 1.9 before 1.12. */
export const byControl = (a: { control: string }, b: { control: string }): number =>
  a.control.localeCompare(b.control, 'en', { numeric: true });

/** `cis-aws-3.0.0/1.4` → `1.4`: the framework is the same for every column, the number is what people know. */
export const controlNumber = (control: string): string => control.slice(control.lastIndexOf('/') + 1);
