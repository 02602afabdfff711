import type { AccountCheck } from '../types.ts';
import { perTrailResults, trailResult } from '../lib/trails.ts';

const check: AccountCheck = {
  id: 'cloudtrail_kms_encryption',
  title: 'CloudTrail logs are encrypted at rest with a KMS key',
  severity: 'medium',
  scope: 'resource',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
  remediation:
    'Create a symmetric customer managed KMS key whose key policy lets cloudtrail.amazonaws.com encrypt (kms:GenerateDataKey*) and log readers decrypt, then: aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>',
  evaluate: (ctx) =>
    perTrailResults(ctx, (trails) =>
      trails.map((t) =>
        t.trail.KmsKeyId
          ? trailResult(t, 'PASS', `${t.label} encrypts its logs with KMS key \`${t.trail.KmsKeyId}\``)
          : trailResult(t, 'FAIL', `${t.label} does not encrypt its logs with a KMS key`),
      ),
    ),
};

export default check;
