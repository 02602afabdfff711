import type { ComplianceStatus, DailyRow } from '../../src/compliance/types.ts';
import type { Store } from '../../src/store/index.ts';
import { scan } from '../store/support.ts';

// Four accounts judged on a few days of November 2026, for the digest of Monday 2026-11-30 (the
// week starts from 2026-11-23). Rows are written as a day's judgement would be, so every status is
// exactly what the test says.
//
//            11-08  11-10  11-23  11-24  11-30 (today)
//  A 1.8     NC            NC     NC     NC      → streak of 23 days: tier 2
//  A 1.9                   C      NC     NC      → new failure (was compliant); 7 days: tier 1
//  A 2.1.1                 NC            C       → resolved
//  A 1.4                   NC            C       → resolved
//  B 1.8                   exc           NC      → new failure (was excepted: the exception expired)
//  B 1.9                   NC            exc     → resolved (now excepted)
//  B 1.4, 2.1.1            C             C
//  C 1.8            NC     NC                    → no data today: neither resolved nor judged; 14 days: tier 1
//  D 1.4, 1.8, 1.9, 2.1.1  C             C       → fully compliant, not among the worst
//  E (suspended)                                 → never judged, and not listed as missing

export const A = '222222222222';
export const B = '333333333333';
export const C = '444444444444';
export const D = '555555555555';
export const E = '666666666666';

export const ACCOUNTS = [
  { id: A, name: 'prod <main>', ouPath: 'Root/Workloads/Prod' },
  { id: B, name: 'payments', ouPath: 'Root/Workloads/Payments' },
  { id: C, name: 'sandbox', ouPath: 'Root/Sandbox' },
  { id: D, name: 'shared', ouPath: 'Root/Shared' },
  { id: E, name: 'closing', ouPath: 'Root/Suspended', state: 'SUSPENDED' },
];

export const C14 = 'cis-aws-3.0.0/1.4';
export const C18 = 'cis-aws-3.0.0/1.8';
export const C19 = 'cis-aws-3.0.0/1.9';
export const C211 = 'cis-aws-3.0.0/2.1.1';

const NC = 'non_compliant';
const OK = 'compliant';
const EXC = 'excepted';

type Plan = Record<string, Record<string, Partial<Record<string, ComplianceStatus>>>>;

export const DAYS: Plan = {
  '2026-11-08': { [A]: { [C18]: NC } },
  '2026-11-10': { [C]: { [C18]: NC } },
  '2026-11-23': {
    [A]: { [C18]: NC, [C19]: OK, [C211]: NC, [C14]: NC },
    [B]: { [C18]: EXC, [C19]: NC, [C14]: OK, [C211]: OK },
    [C]: { [C18]: NC },
    [D]: { [C14]: OK, [C18]: OK, [C19]: OK, [C211]: OK },
  },
  '2026-11-24': { [A]: { [C18]: NC, [C19]: NC } },
  '2026-11-30': {
    [A]: { [C18]: NC, [C19]: NC, [C211]: OK, [C14]: OK },
    [B]: { [C18]: NC, [C19]: EXC, [C14]: OK, [C211]: OK },
    [D]: { [C14]: OK, [C18]: OK, [C19]: OK, [C211]: OK },
  },
};

function row(day: string, accountId: string, control: string, status: ComplianceStatus): DailyRow {
  const region = control === C211 ? 'us-east-1' : 'global';
  return {
    day,
    accountId,
    control,
    framework: 'cis-aws-3.0.0',
    section: control.split('/')[1]!.split('.')[0]!,
    status,
    regions: status === 'non_compliant' ? [region] : [],
    failing: status === 'non_compliant' ? 1 : 0,
    excepted: status === 'excepted' ? 1 : 0,
  };
}

/** Writes the accounts and the judged days of `plan` (by default the whole world) into the store. */
export async function seed(store: Store, plan: Plan = DAYS): Promise<void> {
  await store.recordScan(scan('accounts', '2026-11-01T06:00:00.000Z', { accounts: ACCOUNTS.map((a) => a.id) }), [], ACCOUNTS);
  for (const [day, accounts] of Object.entries(plan)) {
    const rows = Object.entries(accounts).flatMap(([id, controls]) => Object.entries(controls).map(([control, status]) => row(day, id, control, status!)));
    await store.compliance.writeDaily(day, Object.keys(accounts), rows, new Date(`${day}T06:00:00Z`));
  }
}

/** The policy's exceptions as of 2026-11-30: expiring in 10, 14 and 15 days, and one already expired. */
export const EXCEPTIONS = [
  { control: C19, accounts: [B], reason: 'payments rewrite <Q1>', approver: 'ciso@example.com', approved: '2026-11-01', expires: '2026-12-10' },
  { control: C211, all: true, resource: 'arn:aws:s3:::legacy-*', reason: 'legacy log buckets', approver: 'cto@example.com', approved: '2026-10-01', expires: '2026-12-14' },
  { control: C14, ous: ['Root/Sandbox'], reason: 'sandbox keys', approver: 'ciso@example.com', approved: '2026-10-01', expires: '2026-12-15' },
  { control: C18, accounts: [B], reason: 'legacy login page', approver: 'ciso@example.com', approved: '2026-10-01', expires: '2026-11-25' },
];

export const T14 = "Ensure no 'root' user account access key exists";
export const T18 = 'Ensure IAM password policy requires minimum length of 14 or greater';
export const T19 = 'Ensure IAM password policy prevents password reuse';
export const T211 = 'Ensure S3 Bucket Policy is set to deny HTTP requests';

/** The weekly digest of 2026-11-30 with the policy's EXCEPTIONS and no digest before it, as text. */
export const WEEKLY_TEXT = `Weekly compliance digest for security-team, as of 2026-11-30.

Organization: 72.7% compliant (8 of 11 account-controls), +14.4 pts since 2026-11-23 (58.3%).
3 accounts judged on 2026-11-30; no data for 1: 444444444444 (sandbox).

Worst accounts (2):
- 222222222222 (prod <main>), Root/Workloads/Prod: 50.0% (2 of 4 compliant), +25.0 pts
- 333333333333 (payments), Root/Workloads/Payments: 66.7% (2 of 3 compliant), no change

New failures since 2026-11-23 (2):
- 222222222222 (prod <main>): cis-aws-3.0.0/1.9 ${T19}; failing account-wide (was compliant)
- 333333333333 (payments): cis-aws-3.0.0/1.8 ${T18}; failing account-wide (was excepted)

Resolved since 2026-11-23 (3):
- 222222222222 (prod <main>): cis-aws-3.0.0/1.4 ${T14} (now compliant)
- 222222222222 (prod <main>): cis-aws-3.0.0/2.1.1 ${T211} (now compliant)
- 333333333333 (payments): cis-aws-3.0.0/1.9 ${T19} (now covered by an exception)

Exceptions expiring within 14 days, by 2026-12-14 (2):
- #1 cis-aws-3.0.0/1.9 for account 333333333333: expires 2026-12-10 (in 10 days); payments rewrite <Q1>; approved by ciso@example.com
- #2 cis-aws-3.0.0/2.1.1 for all accounts, resource arn:aws:s3:::legacy-*: expires 2026-12-14 (in 14 days); legacy log buckets; approved by cto@example.com

Accounts in escalation (2):
- 222222222222 (prod <main>): tier 2 (21+ days), 2 controls; longest cis-aws-3.0.0/1.8, 23 days since 2026-11-08
- 444444444444 (sandbox): tier 1 (7+ days), 1 control; longest cis-aws-3.0.0/1.8, 14 days since 2026-11-10
`;
