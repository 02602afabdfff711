import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type GetCredentialReportCommandOutput,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { errorCode } from '../aws/errors.ts';
import { CollectFailure } from './failure.ts';
import type { CredentialReport, CredentialReportRow } from './inventory.ts';

/** Time source for the polling loop; tests pass a fake one so they never wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => delay(ms),
};

const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 10_000;
const TIMEOUT_MS = 5 * 60_000;

// The query protocol puts the wire code (`ReportNotPresent`) in `Code`; errors built from the SDK
// classes only carry the class name, so both spellings are accepted.
const THROTTLED = new Set(['LimitExceeded', 'LimitExceededException']);
const MISSING = new Set([
  'ReportNotPresent',
  'CredentialReportNotPresentException',
  'ReportExpired',
  'CredentialReportExpiredException',
]);
const IN_PROGRESS = new Set(['ReportInProgress', 'CredentialReportNotReadyException']);

type BackOff = (why: string) => Promise<void>;

/**
 * Generates (or reuses, when AWS has one under 4 hours old) the IAM credential report and
 * downloads it, polling with back-off 1s → 2s → 4s ... capped at 10s, for at most 5 minutes.
 */
export async function fetchCredentialReport(iam: IAMClient, clock: Clock = systemClock): Promise<CredentialReport> {
  const deadline = clock.now() + TIMEOUT_MS;
  let wait = FIRST_WAIT_MS;
  const backOff: BackOff = async (why) => {
    if (clock.now() + wait > deadline) {
      throw new CollectFailure('CredentialReportTimeout', `IAM credential report not ready after 5 minutes (last: ${why})`);
    }
    await clock.sleep(wait);
    wait = Math.min(wait * 2, MAX_WAIT_MS);
  };
  for (;;) {
    await untilGenerated(iam, backOff);
    const out = await download(iam, backOff);
    if (out) return toReport(out);
    await backOff('report missing after generation');
  }
}

async function untilGenerated(iam: IAMClient, backOff: BackOff): Promise<void> {
  for (;;) {
    let state: string | undefined;
    try {
      state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
    } catch (err) {
      if (!THROTTLED.has(errorCode(err))) throw err;
      await backOff(errorCode(err));
      continue;
    }
    if (state === 'COMPLETE') return;
    await backOff(`state ${state ?? 'unknown'}`);
  }
}

/** The report, or undefined when it is missing or expired and must be generated again. */
async function download(iam: IAMClient, backOff: BackOff): Promise<GetCredentialReportCommandOutput | undefined> {
  for (;;) {
    try {
      return await iam.send(new GetCredentialReportCommand({}));
    } catch (err) {
      const code = errorCode(err);
      if (MISSING.has(code)) return undefined;
      if (!IN_PROGRESS.has(code)) throw err;
      await backOff(code);
    }
  }
}

function toReport(out: GetCredentialReportCommandOutput): CredentialReport {
  if (!out.Content || out.Content.length === 0) {
    // An empty report would read as "no users", which would pass every user check.
    throw new CollectFailure('CredentialReportEmpty', 'GetCredentialReport returned no content');
  }
  return {
    generatedTime: out.GeneratedTime?.toISOString() ?? '',
    rows: parseCredentialReport(new TextDecoder('utf-8').decode(out.Content)),
  };
}

/** The columns the checks read; a report without one of them cannot be judged (a missing flag is not "false"). */
const REQUIRED_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
] as const;

/** Rows keyed by header name: user names may contain commas and AWS may add columns. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  let header: string[] = [];
  const rows = parse(csv, {
    columns: (h: string[]) => (header = h),
    skip_empty_lines: true,
    bom: true,
  }) as CredentialReportRow[];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new CollectFailure('CredentialReportIncomplete', `IAM credential report lacks column(s) ${missing.join(', ')}`);
  return rows;
}
