import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListKeys,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { attempt, plain } from './attempt.ts';
import { CollectFailure } from './failure.ts';
import type { KmsKey, RegionalDatasets } from './inventory.ts';
import { allItems } from './pages.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const kmsCollector: RegionalCollector = {
  id: 'kms',
  phase: 'regional',
  datasets: ['kms.keys'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'kms.keys': () => attempt(() => keys(ctx.client(KMSClient, region))),
    });
  },
};

/** Only enabled customer-managed symmetric keys with AWS key material support automatic rotation. */
export function canRotate(key: KeyMetadata): boolean {
  return (
    key.KeyManager === 'CUSTOMER' &&
    (key.KeySpec ?? key.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT' &&
    key.KeyState === 'Enabled' &&
    key.Origin === 'AWS_KMS'
  );
}

// A key that cannot be described fails the whole dataset: it might be the non-compliant one.
async function keys(client: KMSClient): Promise<KmsKey[]> {
  const listed = await allItems(paginateListKeys({ client }, {}), (page) => page.Keys);
  return Promise.all(
    listed.map(async ({ KeyId }) => {
      const metadata = (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata;
      if (!metadata) throw new CollectFailure('MissingKeyMetadata', `DescribeKey returned no metadata for key ${KeyId ?? '(no id)'}`);
      if (!canRotate(metadata)) return { metadata: plain(metadata) };
      const rotationEnabled = await attempt(() => rotationStatus(client, KeyId));
      return { metadata: plain(metadata), rotationEnabled };
    }),
  );
}

// A missing value is unknown, not "off": the check must report ERROR rather than FAIL.
async function rotationStatus(client: KMSClient, keyId: string | undefined): Promise<boolean> {
  const enabled = (await client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled;
  if (enabled === undefined) {
    throw new CollectFailure('IncompleteData', `GetKeyRotationStatus returned no KeyRotationEnabled value for key ${keyId ?? '(no id)'}`);
  }
  return enabled;
}
