import type { KmsKey } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { arn } from './context.ts';
import type { Rng } from './random.ts';

export interface RegionKeys {
  keys: KmsKey[];
  /** Key ARNs other builders refer to: `cloudtrail`, `aws/rds`, `aws/elasticfilesystem`, `data`. */
  byPurpose: Map<string, string>;
}

interface KeySpecInput {
  description: string;
  manager: 'AWS' | 'CUSTOMER';
  spec?: 'SYMMETRIC_DEFAULT' | 'RSA_2048';
  state?: 'Enabled' | 'Disabled' | 'PendingDeletion';
  origin?: 'AWS_KMS' | 'EXTERNAL';
  rotation?: boolean;
}

function key(ctx: AccountContext, region: string, rng: Rng, input: KeySpecInput): KmsKey {
  const keyId = rng.uuid();
  const spec = input.spec ?? 'SYMMETRIC_DEFAULT';
  const state = input.state ?? 'Enabled';
  const origin = input.origin ?? 'AWS_KMS';
  const created = rng.int(30, 1500) + rng.next();
  const metadata: KmsKey['metadata'] = {
    AWSAccountId: ctx.id,
    KeyId: keyId,
    Arn: arn(ctx, 'kms', region, `key/${keyId}`),
    CreationDate: ctx.clock.ago(created),
    Enabled: state === 'Enabled',
    Description: input.description,
    KeyUsage: spec === 'RSA_2048' ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT',
    KeyState: state,
    Origin: origin,
    KeyManager: input.manager,
    CustomerMasterKeySpec: spec,
    KeySpec: spec,
    MultiRegion: false,
    ...(spec === 'RSA_2048'
      ? { SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'] }
      : { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }),
    ...(state === 'PendingDeletion' ? { DeletionDate: ctx.clock.ahead(rng.int(1, 29)), PendingDeletionWindowInDays: 30 } : {}),
  };
  // Only enabled customer-managed symmetric keys with AWS key material can rotate (what the collector asks).
  const rotates = input.manager === 'CUSTOMER' && spec === 'SYMMETRIC_DEFAULT' && state === 'Enabled' && origin === 'AWS_KMS';
  return rotates ? { metadata, rotationEnabled: { ok: true, data: input.rotation ?? false } } : { metadata };
}

export function regionKeys(ctx: AccountContext, region: string): RegionKeys {
  const rng = ctx.rng.fork(`kms/${region}`);
  const { profile } = ctx;
  const keys: KmsKey[] = [];
  const byPurpose = new Map<string, string>();
  const add = (purpose: string | null, input: KeySpecInput) => {
    const k = key(ctx, region, rng, input);
    keys.push(k);
    if (purpose && k.metadata.Arn) byPurpose.set(purpose, k.metadata.Arn);
  };
  const workload = ctx.workloadRegions.includes(region);

  add('aws/ebs', { description: 'Default key that protects my EBS volumes when no other key is defined', manager: 'AWS' });
  if (!workload) return { keys, byPurpose };
  add('aws/s3', { description: 'Default key that protects my S3 objects when no other key is defined', manager: 'AWS' });
  add('aws/rds', { description: 'Default key that protects my RDS database volumes when no other key is defined', manager: 'AWS' });
  add('aws/elasticfilesystem', { description: 'Default key that protects my EFS filesystems when no other key is defined', manager: 'AWS' });

  if (region === ctx.homeRegion && (profile.trail === 'exemplary' || profile.trail === 'mostly')) {
    add('cloudtrail', { description: 'CloudTrail log encryption', manager: 'CUSTOMER', rotation: true });
  }
  const customer = rng.count(profile.kms.customerKeys);
  for (let i = 0; i < customer; i++) {
    add(i === 0 ? 'data' : null, { description: `${ctx.name} application data key ${i + 1}`, manager: 'CUSTOMER', rotation: rng.chance(profile.kms.rotation) });
  }
  if (profile.kind === 'prod' || profile.kind === 'dev') {
    add(null, { description: 'Release artifact signing', manager: 'CUSTOMER', spec: 'RSA_2048' });
  }
  if (profile.kind === 'prod' && region === ctx.homeRegion) {
    add(null, { description: 'Payments HSM-imported key', manager: 'CUSTOMER', origin: 'EXTERNAL' });
  }
  if (profile.kind === 'dev' || profile.kind === 'sandbox') {
    add(null, { description: 'Old experiment key', manager: 'CUSTOMER', state: rng.chance(0.5) ? 'Disabled' : 'PendingDeletion' });
  }
  return { keys, byPurpose };
}
