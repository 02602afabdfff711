const DAY_MS = 86_400_000;

/** Whole days elapsed from `from` to `now` (negative when `from` is in the future). */
export function daysSince(from: Date, now: Date): number {
  return Math.floor((now.getTime() - from.getTime()) / DAY_MS);
}

/** The UTC calendar date, e.g. `2026-11-20`: enough precision for a reason text. */
export function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Parses an ISO date; anything else (sentinels, empty, garbage) yields undefined. */
export function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
