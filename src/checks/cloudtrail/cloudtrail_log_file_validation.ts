import type { AccountCheck } from '../types.ts';
import { perTrailResults, trailResult } from '../lib/trails.ts';

const check: AccountCheck = {
  id: 'cloudtrail_log_file_validation',
  title: 'CloudTrail log file validation is enabled',
  severity: 'low',
  scope: 'resource',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
  remediation: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation (in the trail home region)',
  evaluate: (ctx) =>
    perTrailResults(ctx, (trails) =>
      trails.map((t) =>
        t.trail.LogFileValidationEnabled === true
          ? trailResult(t, 'PASS', `${t.label} has log file validation enabled`)
          : trailResult(t, 'FAIL', `${t.label} does not have log file validation enabled`),
      ),
    ),
};

export default check;
