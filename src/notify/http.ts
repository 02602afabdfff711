import { setTimeout as delay } from 'node:timers/promises';
import { oneLine, truncate } from './message.ts';

/** A channel did not take a message. The message is one line with secrets already removed. */
export class ChannelError extends Error {
  override name = 'ChannelError';
  /** How long the receiver asked us to wait (Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

export const HTTP_TIMEOUT_MS = 10_000;
/**
 * A Retry-After up to this long is waited out within the run (Slack asks for about a second when a
 * burst exceeds one message per second); a longer one schedules the next attempt instead.
 */
export const INLINE_RETRY_MAX_MS = 5_000;
const INLINE_RETRIES = 3;
const BODY_MAX = 200;

export interface PostOptions {
  redact: (text: string) => string;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `connection failed: ${cause.code}`;
  return `connection failed: ${typeof cause?.message === 'string' ? cause.message : (err as Error).message}`;
}

/**
 * POSTs JSON and resolves when the receiver answers 2xx. Redirects are not followed, so the body
 * and headers only ever go to the configured URL.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, options: PostOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const payload = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ChannelError(options.redact(networkReason(err, timeoutMs)));
    }
    const text = await res.text().catch(() => '');
    if (res.ok) return;
    const wait = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after'), Date.now()) : undefined;
    if (wait !== undefined && wait <= INLINE_RETRY_MAX_MS && attempt < INLINE_RETRIES) {
      await sleep(wait);
      continue;
    }
    // Redacted before it is cut, so that no part of a secret the receiver echoed survives.
    const detail = truncate(options.redact(oneLine(text)), BODY_MAX);
    throw new ChannelError(`HTTP ${res.status}${detail ? `: ${detail}` : ''}`, wait);
  }
}
