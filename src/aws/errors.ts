import type { CollectError } from '../collect/inventory.ts';

export type ErrorKind = 'access-denied' | 'throttled' | 'not-available' | 'not-found' | 'network' | 'other';

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'OptInRequired',
  'SubscriptionRequiredException',
  'InvalidAccessException',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'LimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
]);
const NOT_AVAILABLE = new Set([
  'UnknownOperationException',
  'InvalidAction',
  'NotImplemented',
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'EndpointNotFound',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'EHOSTUNREACH']);

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The AWS error code of an SDK error (e.g. `AccessDenied`), or a network/HTTP fallback. */
export function errorCode(err: unknown): string {
  if (!err || typeof err !== 'object') return 'UnknownError';
  const e = err as AwsLikeError;
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code;
  if (code && code !== 'Unknown' && code !== 'UnknownError') return code;
  const status = e.$metadata?.httpStatusCode;
  if (status === 404 || status === 501) return 'NotImplemented';
  if (status === 403) return 'AccessDenied';
  if (status === 429) return 'TooManyRequestsException';
  if (status) return `Http${status}`;
  return code ?? 'UnknownError';
}

export function classifyCode(code: string): ErrorKind {
  if (ACCESS_DENIED.has(code)) return 'access-denied';
  if (THROTTLED.has(code)) return 'throttled';
  if (NOT_AVAILABLE.has(code) || code === 'Http404' || code === 'Http501') return 'not-available';
  if (NETWORK.has(code)) return 'network';
  if (/NotFound|NoSuch/.test(code)) return 'not-found';
  return 'other';
}

/** Turns any thrown value into error data. The message is cut to one line; it never carries credentials. */
export function toCollectError(err: unknown): CollectError {
  const code = errorCode(err);
  const raw = err instanceof Error ? err.message : String(err);
  const message = (raw || code).split('\n')[0]!.slice(0, 500);
  return { code, message };
}
