import { GLOBAL_REGION } from '../../findings/model.ts';
import { flagsOff } from '../lib/s3-public-access-block.ts';
import { bucketResult, bucketUnreadable } from '../lib/s3-buckets.ts';
import type { AccountCheck } from '../types.ts';

const check: AccountCheck = {
  id: 's3_bucket_block_public_access',
  title: 'S3 Block Public Access is fully enabled for the account or for every bucket',
  severity: 'high',
  scope: 'resource',
  reads: ['s3.buckets', 's3control.publicAccessBlock'],
  remediation:
    'Turn on all four Block Public Access settings for the account (S3 console → Block Public Access settings for this account, or ' +
    '`aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration ' +
    'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`), or per bucket with ' +
    '`aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration ...`.',
  evaluate(ctx) {
    const accountOff = flagsOff(ctx.global('s3control.publicAccessBlock'));
    const buckets = ctx.global('s3.buckets');
    if (buckets.length === 0) {
      return [{
        status: accountOff.length === 0 ? 'PASS' : 'FAIL',
        region: GLOBAL_REGION,
        resourceId: ctx.accountId,
        resourceType: 'AwsAccount',
        reason: accountOff.length === 0
          ? 'account-level Block Public Access has all four settings on'
          : `account-level Block Public Access is off for ${accountOff.join(', ')} (account has no buckets)`,
      }];
    }
    return buckets.map((bucket) => {
      if (accountOff.length === 0) {
        return bucketResult(ctx, bucket, 'PASS', `bucket \`${bucket.name}\` is covered by account-level Block Public Access (all four settings on)`);
      }
      const pab = bucket.publicAccessBlock;
      if (!pab.ok) return bucketUnreadable(ctx, bucket, 'Block Public Access configuration', pab.error);
      const bucketOff = flagsOff(pab.data);
      if (bucketOff.length === 0) {
        return bucketResult(ctx, bucket, 'PASS', `bucket \`${bucket.name}\` has all four bucket-level Block Public Access settings on`);
      }
      return bucketResult(
        ctx,
        bucket,
        'FAIL',
        `bucket \`${bucket.name}\` is not fully protected by Block Public Access: off at account level: ${accountOff.join(', ')}; ` +
          `off at bucket level: ${bucketOff.join(', ')}${pab.data === null ? ' (no bucket configuration)' : ''}`,
        { accountFlagsOff: accountOff, bucketFlagsOff: bucketOff },
      );
    });
  },
};

export default check;
