import type { AccountCheck, CheckResult } from '../types.ts';
import { INCOMPLETE } from '../lib/iam-results.ts';
import { perTrailResults, trailResult, type Trail } from '../lib/trails.ts';

function judge(t: Trail): CheckResult {
  const enabled = t.trail.LogFileValidationEnabled;
  if (enabled === undefined) {
    return trailResult(t, 'ERROR', `${t.label}: DescribeTrails gave no LogFileValidationEnabled value`, { errorCode: INCOMPLETE });
  }
  return enabled
    ? trailResult(t, 'PASS', `${t.label} has log file validation enabled`)
    : trailResult(t, 'FAIL', `${t.label} does not have log file validation enabled`);
}

const check: AccountCheck = {
  id: 'cloudtrail_log_file_validation',
  title: 'CloudTrail log file validation is enabled',
  severity: 'low',
  scope: 'resource',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
  remediation: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation (in the trail home region)',
  evaluate: (ctx) => perTrailResults(ctx, (trails) => trails.map(judge)),
};

export default check;
