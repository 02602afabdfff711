import type { AccountCheck } from '../types.ts';
import { dateCell, rootRow } from '../lib/credential-report.ts';
import { day, daysSince } from '../lib/iam-days.ts';
import { accountResource, globalResult, INCOMPLETE } from '../lib/iam-results.ts';

interface Use {
  what: string;
  when: Date;
}

// CIS 1.7: root use is the most recent of these; N/A and no_information mean no recorded use.
const USE_COLUMNS = [
  { what: 'password', column: 'password_last_used' },
  { what: 'access key 1', column: 'access_key_1_last_used_date' },
  { what: 'access key 2', column: 'access_key_2_last_used_date' },
];

const check: AccountCheck = {
  id: 'iam_root_not_used_recently',
  title: 'Root user is not used for daily tasks',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.credentialReport'],
  remediation:
    'Stop using the root user: give administrators IAM Identity Center or IAM roles, delete root access keys, ' +
    'and keep the root password and MFA device locked away for break-glass tasks only.',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const report = ctx.global('iam.credentialReport');
    const evidence = { reportGeneratedAt: report.generatedTime };
    const root = rootRow(report);
    if (!root) {
      return [globalResult(resource, 'ERROR', 'the credential report has no <root_account> row', { errorCode: INCOMPLETE, evidence })];
    }
    const uses: Use[] = [];
    const problems: string[] = [];
    for (const { what, column } of USE_COLUMNS) {
      const cell = dateCell(root, column);
      if (cell.kind === 'date') uses.push({ what, when: cell.date });
      else if (cell.kind === 'invalid') problems.push(cell.problem);
    }
    uses.sort((a, b) => b.when.getTime() - a.when.getTime());

    const window = ctx.options.rootUsageWindowDays;
    const age = (u: Use) => daysSince(u.when, ctx.now);
    const describe = (u: Use) => `${u.what} on ${day(u.when)} (${age(u)} days ago)`;
    // "Within N days" means fewer than N whole days ago, so a window of 1 flags use in the last 24 hours.
    const recent = uses.filter((u) => age(u) < window);
    if (recent.length) {
      return [
        globalResult(resource, 'FAIL', `root user was used within the last ${window} days: ${recent.map(describe).join(', ')}`, { evidence }),
      ];
    }
    // No known recent use: an unreadable date could be a recent one.
    if (problems.length) {
      return [globalResult(resource, 'ERROR', `root user: ${problems.join('; ')}`, { errorCode: INCOMPLETE, evidence })];
    }
    const last = uses[0];
    const reason = last
      ? `the most recent root use is ${describe(last)}, outside the ${window}-day window`
      : 'root user has no recorded password or access key use';
    return [globalResult(resource, 'PASS', reason, { evidence })];
  },
};

export default check;
