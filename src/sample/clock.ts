/** Every date in the sample is relative to the collection time, so the data never goes stale. */
export interface Clock {
  /** ISO string `days` before the collection time (fractions allowed). */
  ago(days: number): string;
  /** The same instant in the credential-report form (`2026-11-20T06:00:00+00:00`). */
  agoReport(days: number): string;
  /** Epoch milliseconds `days` before the collection time (CloudWatch Logs `creationTime`). */
  agoMillis(days: number): number;
  /** ISO string `days` after the collection time (certificate expiry). */
  ahead(days: number): string;
}

const DAY_MS = 86_400_000;

export function createClock(collectedAt: string): Clock {
  const base = Date.parse(collectedAt);
  if (Number.isNaN(base)) throw new Error(`collectedAt is not an ISO date-time: ${collectedAt}`);
  const at = (days: number) => Math.round(base - days * DAY_MS);
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return {
    ago: (days) => iso(at(days)),
    agoReport: (days) => `${iso(at(days)).slice(0, 19)}+00:00`,
    agoMillis: (days) => at(days),
    ahead: (days) => iso(at(-days)),
  };
}
