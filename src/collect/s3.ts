import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  // S3's bucket-level GetPublicAccessBlock (IAM action s3:GetBucketPublicAccessBlock).
  GetPublicAccessBlockCommand as GetBucketPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
  type Bucket,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { toCollectError } from '../aws/errors.ts';
import { attempt, plain } from './attempt.ts';
import { bucketRegion, regionFromWrongRegionError } from './bucket-region.ts';
import type { Collected, GlobalDatasets, S3Bucket } from './inventory.ts';
import { allItems } from './pages.ts';
import type { CollectContext, GlobalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

const NO_PUBLIC_ACCESS_BLOCK = ['NoSuchPublicAccessBlockConfiguration'];
const LIST_PAGE_SIZE = 1000;

export const s3Collector: GlobalCollector = {
  id: 's3',
  phase: 'global',
  datasets: ['s3.buckets', 's3control.publicAccessBlock'],
  collect(ctx, wanted) {
    return collectWanted<GlobalDatasets>(wanted, {
      's3.buckets': () => attempt(() => buckets(ctx)),
      's3control.publicAccessBlock': () =>
        attempt(
          async () => {
            const out = await ctx
              .client(S3ControlClient)
              .send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }));
            return out.PublicAccessBlockConfiguration ? plain(out.PublicAccessBlockConfiguration) : null;
          },
          { absentOn: NO_PUBLIC_ACCESS_BLOCK, absent: null },
        ),
    });
  },
};

async function buckets(ctx: CollectContext): Promise<S3Bucket[]> {
  const s3 = ctx.client(S3Client);
  const list = await allItems(
    paginateListBuckets({ client: s3, pageSize: LIST_PAGE_SIZE }, {}),
    (page) => page.Buckets,
  );
  return Promise.all(list.map((bucket) => describeBucket(ctx, s3, bucket)));
}

async function describeBucket(ctx: CollectContext, globalS3: S3Client, bucket: Bucket): Promise<S3Bucket> {
  const Bucket = bucket.Name ?? '';
  const base = { name: Bucket, ...(bucket.CreationDate ? { creationDate: bucket.CreationDate.toISOString() } : {}) };
  const location = await locate(ctx, globalS3, bucket);
  if (!location.ok) {
    // Without the region no per-bucket call can be sent correctly; each field says why. The results
    // sit in the region ListBuckets was sent to, so they name a real region, not a placeholder.
    const failed = { ok: false as const, error: location.error };
    return { ...base, region: ctx.globalRegion, policy: failed, acl: failed, versioning: failed, logging: failed, publicAccessBlock: failed };
  }
  const region = location.data;
  // Per-bucket calls go to the bucket's own region: other endpoints answer with a redirect.
  const s3 = ctx.client(S3Client, region);
  const [policy, acl, versioning, logging, publicAccessBlock] = await Promise.all([
    attempt(
      async () => (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? null,
      { absentOn: ['NoSuchBucketPolicy'], absent: null },
    ),
    attempt(async () => {
      const out = await s3.send(new GetBucketAclCommand({ Bucket }));
      return plain({ owner: out.Owner, grants: out.Grants ?? [] });
    }),
    attempt(async () => {
      const out = await s3.send(new GetBucketVersioningCommand({ Bucket }));
      return plain({ status: out.Status, mfaDelete: out.MFADelete });
    }),
    attempt(async () => {
      const out = await s3.send(new GetBucketLoggingCommand({ Bucket }));
      return out.LoggingEnabled ? plain(out.LoggingEnabled) : null;
    }),
    attempt(
      async () => {
        const out = await s3.send(new GetBucketPublicAccessBlockCommand({ Bucket }));
        return out.PublicAccessBlockConfiguration ? plain(out.PublicAccessBlockConfiguration) : null;
      },
      { absentOn: NO_PUBLIC_ACCESS_BLOCK, absent: null },
    ),
  ]);
  return { ...base, region, policy, acl, versioning, logging, publicAccessBlock };
}

/**
 * The bucket's region: ListBuckets names it in current responses. Older ones do not, and then
 * GetBucketLocation is asked through the global endpoint; for buckets in opt-in regions S3 refuses
 * that with a wrong-region error that still names the region.
 */
async function locate(ctx: CollectContext, globalS3: S3Client, bucket: Bucket): Promise<Collected<string>> {
  if (bucket.BucketRegion) return { ok: true, data: bucket.BucketRegion };
  try {
    const out = await globalS3.send(new GetBucketLocationCommand({ Bucket: bucket.Name }));
    return { ok: true, data: bucketRegion(out.LocationConstraint, ctx.globalRegion) };
  } catch (err) {
    const named = regionFromWrongRegionError(err);
    return named ? { ok: true, data: named } : { ok: false, error: toCollectError(err) };
  }
}
