import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { Plain } from '../../collect/inventory.ts';

export const BLOCK_PUBLIC_ACCESS_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The Block Public Access flags that are not on; a missing configuration (null) has all four off. */
export function flagsOff(config: Plain<PublicAccessBlockConfiguration> | null): string[] {
  return BLOCK_PUBLIC_ACCESS_FLAGS.filter((f) => config?.[f] !== true);
}
