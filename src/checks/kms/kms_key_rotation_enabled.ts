import type { KmsKey } from '../../collect/inventory.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

/** Only enabled customer-managed symmetric keys with key material from KMS can rotate automatically. */
function canRotate(key: KmsKey): boolean {
  const m = key.metadata;
  return (
    m.KeyManager === 'CUSTOMER' &&
    (m.KeySpec ?? m.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT' &&
    m.KeyState === 'Enabled' &&
    m.Origin === 'AWS_KMS'
  );
}

const check: RegionCheck = {
  id: 'kms_key_rotation_enabled',
  title: 'Automatic rotation is enabled for customer-managed symmetric KMS keys',
  severity: 'medium',
  scope: 'resource',
  reads: ['kms.keys'],
  remediation:
    'KMS console → Customer managed keys → key → Key rotation → Automatically rotate this KMS key, or ' +
    '`aws kms enable-key-rotation --key-id KEY`.',
  evaluateRegion(ctx, region) {
    return ctx
      .regional('kms.keys', region)
      .filter(canRotate)
      .map((key): CheckResult => {
        const id = key.metadata.KeyId ?? '';
        const base = {
          region,
          resourceId: key.metadata.Arn ?? `arn:${ctx.partition}:kms:${region}:${ctx.accountId}:key/${id}`,
          resourceType: 'AwsKmsKey',
        };
        const rotation = key.rotationEnabled;
        if (!rotation) {
          return { ...base, status: 'ERROR', reason: `rotation status of key \`${id}\` was not collected`, errorCode: 'NotCollected' };
        }
        if (!rotation.ok) {
          return {
            ...base,
            status: 'ERROR',
            reason: `rotation status of key \`${id}\` could not be read: ${rotation.error.code}: ${rotation.error.message}`,
            errorCode: rotation.error.code,
          };
        }
        return rotation.data
          ? { ...base, status: 'PASS', reason: `key \`${id}\` rotates automatically` }
          : { ...base, status: 'FAIL', reason: `key \`${id}\` does not have automatic rotation enabled` };
      });
  },
};

export default check;
