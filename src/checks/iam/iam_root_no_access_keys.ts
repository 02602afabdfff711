import { DataUnavailable, type AccountCheck, type CheckContext } from '../types.ts';
import { accessKeys, rootRow } from '../lib/credential-report.ts';
import { day } from '../lib/iam-days.ts';
import { accountResource, globalResult, INCOMPLETE } from '../lib/iam-results.ts';

/** The root keys as the credential report shows them, or undefined when the report is unavailable. */
function rootKeysFromReport(ctx: CheckContext): string | undefined {
  let report;
  try {
    report = ctx.global('iam.credentialReport');
  } catch (err) {
    if (err instanceof DataUnavailable) return undefined;
    throw err;
  }
  const root = rootRow(report);
  if (!root) return undefined;
  const keys = accessKeys(root).filter((k) => k.active || k.lastRotated);
  if (!keys.length) return undefined;
  return keys
    .map((k) => {
      const parts = [k.active ? 'active' : 'inactive'];
      if (k.lastRotated) parts.push(`created ${day(k.lastRotated)}`);
      parts.push(k.lastUsed ? `last used ${day(k.lastUsed)}` : 'never used');
      return `key ${k.n} (${parts.join(', ')})`;
    })
    .join(', ');
}

const check: AccountCheck = {
  id: 'iam_root_no_access_keys',
  title: 'Root user has no access keys',
  severity: 'critical',
  scope: 'account',
  reads: ['iam.accountSummary', 'iam.credentialReport'],
  remediation:
    'Sign in as the root user, open Security credentials > Access keys, and delete every root access key ' +
    '(first replace any use of it with an IAM role).',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    // The account summary is real time; the credential report may be hours old, so it only adds detail.
    const present = ctx.global('iam.accountSummary').AccountAccessKeysPresent;
    if (present === undefined) {
      return [globalResult(resource, 'ERROR', 'the IAM account summary has no AccountAccessKeysPresent value', { errorCode: INCOMPLETE })];
    }
    if (present === 0) return [globalResult(resource, 'PASS', 'root user has no access keys')];
    const detail = rootKeysFromReport(ctx);
    return [
      globalResult(
        resource,
        'FAIL',
        `root user has access keys (AccountAccessKeysPresent=${present})${detail ? `: ${detail}` : ''}`,
      ),
    ];
  },
};

export default check;
