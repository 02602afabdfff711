export const DIGEST_PERIODS = ['daily', 'weekly'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

/** Without an earlier digest, the change is measured from this many days back. */
export const PERIOD_DAYS: Record<DigestPeriod, number> = { daily: 1, weekly: 7 };
