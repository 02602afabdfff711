import type { CollectError, S3Bucket } from '../../collect/inventory.ts';
import type { CheckContext, CheckResult } from '../types.ts';

export const S3_BUCKET_TYPE = 'AwsS3Bucket';

export function bucketArn(partition: string, name: string): string {
  return `arn:${partition}:s3:::${name}`;
}

/** A result about one bucket: its ARN, and the bucket's own region (buckets are listed globally). */
export function bucketResult(
  ctx: CheckContext,
  bucket: S3Bucket,
  status: CheckResult['status'],
  reason: string,
  evidence?: unknown,
): CheckResult {
  return {
    status,
    region: bucket.region,
    resourceId: bucketArn(ctx.partition, bucket.name),
    resourceType: S3_BUCKET_TYPE,
    reason,
    ...(evidence === undefined ? {} : { evidence }),
  };
}

/** ERROR for one bucket whose setting could not be read (the other buckets are still judged). */
export function bucketUnreadable(ctx: CheckContext, bucket: S3Bucket, setting: string, error: CollectError): CheckResult {
  return {
    ...bucketResult(ctx, bucket, 'ERROR', `${setting} of bucket \`${bucket.name}\` could not be read: ${error.code}: ${error.message}`),
    errorCode: error.code,
  };
}
