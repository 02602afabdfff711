import { bucketResult, bucketUnreadable } from '../lib/s3-buckets.ts';
import type { AccountCheck } from '../types.ts';

const check: AccountCheck = {
  id: 's3_bucket_mfa_delete_enabled',
  title: 'S3 buckets have versioning with MFA Delete enabled',
  severity: 'low',
  scope: 'resource',
  reads: ['s3.buckets'],
  remediation:
    'As the root user with its MFA device: `aws s3api put-bucket-versioning --bucket BUCKET ' +
    '--versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device CODE"`.',
  evaluate(ctx) {
    return ctx.global('s3.buckets').map((bucket) => {
      if (!bucket.versioning.ok) return bucketUnreadable(ctx, bucket, 'versioning configuration', bucket.versioning.error);
      const { status, mfaDelete } = bucket.versioning.data;
      const evidence = { versioning: status ?? null, mfaDelete: mfaDelete ?? null };
      if (status === 'Enabled' && mfaDelete === 'Enabled') {
        return bucketResult(ctx, bucket, 'PASS', `bucket \`${bucket.name}\` has versioning and MFA Delete enabled`, evidence);
      }
      const gaps: string[] = [];
      if (status !== 'Enabled') gaps.push(`versioning is ${status ? status.toLowerCase() : 'never enabled'}`);
      if (mfaDelete !== 'Enabled') gaps.push(`MFA Delete is ${mfaDelete ? mfaDelete.toLowerCase() : 'not enabled'}`);
      return bucketResult(ctx, bucket, 'FAIL', `bucket \`${bucket.name}\`: ${gaps.join(', ')}`, evidence);
    });
  },
};

export default check;
