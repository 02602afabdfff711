import { DescribeKey$, GetKeyRotationStatus$, ListKeys$ } from '@aws-sdk/client-kms';
import type { KmsKey } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { unwrap } from '../data.ts';
import { required } from '../input.ts';
import type { Input, OpContext, ServiceSpec } from '../service.ts';

function keyNamed(ctx: OpContext, input: Input): KmsKey {
  const id = required(input, 'KeyId');
  const key = (ctx.data.regional(ctx.region, 'kms.keys') ?? []).find((k) => k.metadata.KeyId === id || k.metadata.Arn === id);
  if (!key) throw new AwsError('NotFoundException', `Key '${id}' does not exist`);
  return key;
}

/** What KMS answers for a key the collector did not ask about (only customer keys can rotate). */
function rotationOf(key: KmsKey): boolean {
  const m = key.metadata;
  if (m.KeyState !== 'Enabled') throw new AwsError('DisabledException', `${m.Arn} is disabled.`);
  if (m.KeySpec && m.KeySpec !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError('UnsupportedOperationException', `${m.Arn} key spec is not supported for this operation.`);
  }
  return m.KeyManager === 'AWS';
}

export const kms: ServiceSpec = {
  id: 'kms',
  signingName: 'kms',
  protocol: 'awsJson1_1',
  namespace: 'com.amazonaws.kms',
  targetPrefix: 'TrentService',
  global: false,
  operations: {
    ListKeys: {
      schema: ListKeys$,
      handle(ctx, input) {
        const keys = (ctx.data.regional(ctx.region, 'kms.keys') ?? []).map((k) => ({ KeyId: k.metadata.KeyId, KeyArn: k.metadata.Arn }));
        const page = ctx.page(keys, input.Marker, input.Limit);
        return { Keys: page.items, Truncated: page.next !== undefined, NextMarker: page.next };
      },
    },
    DescribeKey: {
      schema: DescribeKey$,
      handle: (ctx, input) => ({ KeyMetadata: keyNamed(ctx, input).metadata }),
    },
    GetKeyRotationStatus: {
      schema: GetKeyRotationStatus$,
      handle(ctx, input) {
        const key = keyNamed(ctx, input);
        const enabled = key.rotationEnabled ? unwrap(key.rotationEnabled)! : rotationOf(key);
        return { KeyRotationEnabled: enabled, KeyId: key.metadata.Arn };
      },
    },
  },
};
