const GLOBAL_REGIONS: Record<string, string> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

/** The home region for a partition's global APIs (IAM, Organizations, ...). */
export function globalRegionOf(partition: string): string {
  return GLOBAL_REGIONS[partition] ?? 'us-east-1';
}

/** The partition a region belongs to and that partition's home region for global APIs. */
export function partitionOf(region: string): { partition: string; globalRegion: string } {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return { partition, globalRegion: globalRegionOf(partition) };
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isRegionName(s: string): boolean {
  return REGION_PATTERN.test(s);
}

const ACCOUNT_PATTERN = /^\d{12}$/;

export function isAccountId(s: string): boolean {
  return ACCOUNT_PATTERN.test(s);
}
