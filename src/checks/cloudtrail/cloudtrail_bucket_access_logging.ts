import type { AccountCheck } from '../types.ts';
import { perTrailBucketResults } from '../lib/trails.ts';

const check: AccountCheck = {
  id: 'cloudtrail_bucket_access_logging',
  title: 'Server access logging is enabled on the CloudTrail S3 bucket',
  severity: 'low',
  scope: 'resource',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails', 's3.buckets'],
  remediation: `aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<prefix>/"}}'`,
  evaluate: (ctx) =>
    perTrailBucketResults(ctx, (tb, bucket) => {
      if (!bucket.logging.ok) {
        const e = bucket.logging.error;
        return { status: 'ERROR', reason: `logging settings of ${tb.label} could not be collected: ${e.code}: ${e.message}`, errorCode: e.code };
      }
      const logging = bucket.logging.data;
      if (!logging) return { status: 'FAIL', reason: `${tb.label} has no server access logging` };
      return { status: 'PASS', reason: `${tb.label} logs access to \`${logging.TargetBucket}/${logging.TargetPrefix ?? ''}\`` };
    }),
};

export default check;
