/**
 * The region of a bucket from its GetBucketLocation answer: no constraint means the partition's
 * original region (us-east-1 in `aws`), and the legacy `EU` means eu-west-1.
 */
export function bucketRegion(locationConstraint: string | null | undefined, globalRegion: string): string {
  if (!locationConstraint) return globalRegion;
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}
