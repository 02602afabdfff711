import { errorCode } from '../aws/errors.ts';

/**
 * The region of a bucket from its GetBucketLocation answer: no constraint means the partition's
 * original region (us-east-1 in `aws`), and the legacy `EU` means eu-west-1.
 */
export function bucketRegion(locationConstraint: string | null | undefined, globalRegion: string): string {
  if (!locationConstraint) return globalRegion;
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

// S3's answers when a request reaches another region's endpoint than the bucket's.
const WRONG_REGION_CODES = new Set([
  'PermanentRedirect',
  'TemporaryRedirect',
  'IllegalLocationConstraintException',
  'AuthorizationHeaderMalformed',
]);
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface WrongRegionError {
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  Region?: unknown;
}

/**
 * The bucket's region named by an S3 wrong-region error: the SDK keeps the `x-amz-bucket-region`
 * response header on `$response.headers`, and AuthorizationHeaderMalformed also has a `<Region>`
 * element (parsed to `Region`). Undefined for any other error, e.g. AccessDenied.
 */
export function regionFromWrongRegionError(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as WrongRegionError;
  const status = e.$metadata?.httpStatusCode;
  const redirected = status !== undefined && status >= 300 && status < 400;
  if (!redirected && !WRONG_REGION_CODES.has(errorCode(err))) return undefined;
  const named = e.$response?.headers?.['x-amz-bucket-region'] ?? e.Region;
  return typeof named === 'string' && REGION_PATTERN.test(named) ? named : undefined;
}
