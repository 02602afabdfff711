import { AwsError } from './aws-error.ts';

export interface Page<T> {
  items: T[];
  /** Token for the next page; undefined on the last page. */
  next: string | undefined;
}

const PREFIX = 'emulator-page:';

function offsetOf(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const text = Buffer.from(String(token), 'base64').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isInteger(offset) || offset < 0) throw new AwsError('InvalidNextToken', 'The pagination token is invalid.');
  return offset;
}

/** One page of `items`: `pageSize`, or the caller's smaller MaxResults/MaxItems/Limit. */
export function paginate<T>(items: readonly T[], token: unknown, max: unknown, pageSize: number): Page<T> {
  const offset = offsetOf(token);
  const requested = typeof max === 'number' && max > 0 ? max : Infinity;
  const size = Math.max(1, Math.min(pageSize, requested));
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    next: end < items.length ? Buffer.from(`${PREFIX}${end}`).toString('base64') : undefined,
  };
}
