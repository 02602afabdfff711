/** Bad input or an environment problem: printed as one line, exit code 1, nothing written. */
export class UsageError extends Error {}

export const EXIT = {
  ok: 0,
  /** The scan could not run at all. */
  failed: 1,
  /** A FAIL at or above --fail-on severity exists. */
  failOn: 2,
  /** The scan ran but some results are ERROR (partial). */
  partial: 3,
} as const;
