import type { Collected, GlobalDatasets, S3Bucket } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import type { Rng } from './random.ts';
import type { TrailBucket } from './trails.ts';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const PURPOSES = ['app-assets', 'data-lake-raw', 'backups', 'static-site', 'ml-artifacts', 'terraform-state', 'tmp-exports', 'reports'];

const ok = <T>(data: T): Collected<T> => ({ ok: true, data });

/** The TLS-only statement in the shapes people write it (all satisfy CIS 2.1.1). */
function denyInsecureTransport(bucket: string, partition: string, rng: Rng): Record<string, unknown> {
  const arn = `arn:${partition}:s3:::${bucket}`;
  return {
    Sid: rng.pick(['DenyInsecureTransport', 'AllowSSLRequestsOnly', 'EnforceTLS']),
    Effect: 'Deny',
    Principal: rng.pick<unknown>(['*', { AWS: '*' }]),
    Action: rng.pick<unknown>(['s3:*', ['s3:*']]),
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': rng.pick<unknown>(['false', false]) } },
  };
}

function cloudTrailStatements(bucket: string, ctx: AccountContext): Record<string, unknown>[] {
  const arn = `arn:${ctx.partition}:s3:::${bucket}`;
  return [
    { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${arn}/*/AWSLogs/${ctx.id}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ctx.id } },
    },
  ];
}

interface BucketSpec {
  name: string;
  region: string;
  tlsOnly: boolean;
  publicRead: boolean;
  versioning: 'Enabled' | 'Suspended' | null;
  mfaDelete: boolean;
  logging: boolean;
  blockPublicAccess: 'all' | 'partial' | 'none';
  extraStatements: Record<string, unknown>[];
}

function render(ctx: AccountContext, spec: BucketSpec, ownerId: string, logBucket: string | null, rng: Rng): S3Bucket {
  const bucketArn = `arn:${ctx.partition}:s3:::${spec.name}`;
  const statements = [...spec.extraStatements];
  if (spec.tlsOnly) statements.push(denyInsecureTransport(spec.name, ctx.partition, rng));
  const publicViaPolicy = spec.publicRead && spec.name.includes('static-site');
  if (publicViaPolicy) statements.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucketArn}/*` });
  const grants: Extract<S3Bucket['acl'], { ok: true }>['data']['grants'] = [{ Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' }];
  if (spec.publicRead && !publicViaPolicy) grants.push({ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' });
  const bpa = spec.blockPublicAccess;
  return {
    name: spec.name,
    creationDate: ctx.clock.ago(rng.int(20, 1800) + rng.next()),
    region: spec.region,
    policy: ok(statements.length ? JSON.stringify({ Version: '2012-10-17', Statement: statements }) : null),
    acl: ok({ owner: { ID: ownerId }, grants }),
    versioning: ok(spec.versioning ? { status: spec.versioning, mfaDelete: spec.mfaDelete ? 'Enabled' : 'Disabled' } : {}),
    logging: ok(spec.logging && logBucket ? { TargetBucket: logBucket, TargetPrefix: `${spec.name}/` } : null),
    publicAccessBlock: ok(
      bpa === 'none'
        ? null
        : { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: bpa === 'all', RestrictPublicBuckets: bpa === 'all' },
    ),
  };
}

export function s3Datasets(ctx: AccountContext, trailBucket: TrailBucket | null): Pick<GlobalDatasets, 's3.buckets' | 's3control.publicAccessBlock'> {
  const rng = ctx.rng.fork('s3');
  const p = ctx.profile.buckets;
  const ownerId = rng.hex(64);
  const wantsLogBucket = ctx.profile.kind !== 'sandbox';
  const logBucket = wantsLogBucket ? `${ctx.name}-s3-access-logs-${ctx.id}` : null;
  const specs: BucketSpec[] = [];
  const bpaFor = (publicRead: boolean): BucketSpec['blockPublicAccess'] => (publicRead ? 'none' : rng.chance(p.blockPublicAccess) ? 'all' : rng.pick(['partial', 'none'] as const));

  if (trailBucket) {
    specs.push({
      name: trailBucket.name,
      region: trailBucket.region,
      tlsOnly: trailBucket.tlsOnly,
      publicRead: trailBucket.publicAcl,
      versioning: 'Enabled',
      mfaDelete: ctx.profile.kind === 'management',
      logging: trailBucket.accessLogging,
      blockPublicAccess: trailBucket.publicAcl ? 'none' : 'all',
      extraStatements: cloudTrailStatements(trailBucket.name, ctx),
    });
  }
  if (logBucket) {
    specs.push({
      name: logBucket,
      region: ctx.homeRegion,
      tlsOnly: true,
      publicRead: false,
      versioning: 'Enabled',
      mfaDelete: false,
      logging: false,
      blockPublicAccess: 'all',
      extraStatements: [{ Sid: 'S3ServerAccessLogsPolicy', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:${ctx.partition}:s3:::${logBucket}/*`, Condition: { StringEquals: { 'aws:SourceAccount': ctx.id } } }],
    });
  }
  for (const purpose of rng.sample(PURPOSES, rng.count(p.count))) {
    const region = rng.pick(ctx.workloadRegions);
    const publicRead = rng.chance(p.publicRead);
    const versioned = rng.chance(p.versioning);
    specs.push({
      name: `${ctx.name}-${purpose}-${region}-${ctx.id.slice(-4)}`,
      region,
      tlsOnly: rng.chance(p.tlsOnly),
      publicRead,
      versioning: versioned ? 'Enabled' : rng.chance(0.3) ? 'Suspended' : null,
      mfaDelete: versioned && rng.chance(p.mfaDelete),
      logging: rng.chance(p.logging),
      blockPublicAccess: bpaFor(publicRead),
      extraStatements: [],
    });
  }

  const buckets = specs.map((s) => render(ctx, s, ownerId, logBucket, rng));
  if (ctx.faults.bucketAclDenied) {
    const victim = buckets.find((b) => b.name !== trailBucket?.name && b.name !== logBucket) ?? buckets[buckets.length - 1];
    if (victim) victim.acl = { ok: false, error: { code: 'AccessDenied', message: 'Access Denied' } };
  }
  const account = ctx.profile.accountPublicAccessBlock;
  return {
    's3.buckets': buckets,
    's3control.publicAccessBlock':
      account === 'none'
        ? null
        : { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: account === 'all', RestrictPublicBuckets: account === 'all' },
  };
}
