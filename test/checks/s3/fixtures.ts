import type { S3Bucket } from '../../../src/collect/inventory.ts';
import { ok } from '../../support/checks.ts';

/** A bucket with every setting readable and nothing configured; override what the test is about. */
export function bucket(name: string, over: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name,
    region: 'eu-west-1',
    policy: ok(null),
    acl: ok({ grants: [] }),
    versioning: ok({}),
    logging: ok(null),
    publicAccessBlock: ok(null),
    ...over,
  };
}
