import type { CollectError } from '../collect/inventory.ts';

/** A failure that stops a run before it starts (bad region name, no credentials, ...): one line, exit 1. */
export class ScanAbort extends Error {}

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

/** Turns any thrown value into error data. The message is cut to one line; it never carries credentials. */
export function toCollectError(err: unknown): CollectError {
  const code = errorCode(err);
  const raw = err instanceof Error ? err.message : String(err);
  const message = (raw || code).split('\n')[0]!.slice(0, 500);
  return { code, message };
}
