import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryBackoffStrategy, StandardRetryToken } from '@smithy/types';

export interface RetryLimits {
  /** Attempts for transient errors (5xx, timeouts), as the SDK's standard mode. */
  maxAttempts: number;
  /** Attempts when AWS throttles: a big organization scan meets throttling as a matter of course. */
  maxThrottledAttempts: number;
  /** Replaces the SDK's jittered exponential back-off (tests use a zero delay). */
  backoff?: StandardRetryBackoffStrategy;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = { maxAttempts: 3, maxThrottledAttempts: 8 };

/**
 * The SDK's standard retry strategy (jittered exponential back-off, retry quota), allowing more
 * attempts for throttling errors than for other retryable errors.
 */
export class ThrottleTolerantRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly inner: StandardRetryStrategy;
  private readonly limits: RetryLimits;

  constructor(limits: RetryLimits = DEFAULT_RETRY_LIMITS) {
    this.limits = limits;
    this.inner = new StandardRetryStrategy({
      maxAttempts: Math.max(limits.maxAttempts, limits.maxThrottledAttempts),
      ...(limits.backoff ? { backoff: limits.backoff } : {}),
    });
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    const attempts = token.getRetryCount() + 1;
    if (info.errorType !== 'THROTTLING' && attempts >= this.limits.maxAttempts) {
      throw new Error('retry attempts exhausted');
    }
    return this.inner.refreshRetryTokenForRetry(token, info);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}
