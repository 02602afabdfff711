/** A store failure whose message is one line and safe to print (passwords masked). */
export class StoreError extends Error {
  override name = 'StoreError';
}

const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^@/?#\s]*)@/i;

/** The location with any password in it replaced by `***`. */
export function maskLocation(location: string): string {
  return location.replace(URL_PASSWORD, '$1:***@');
}

/** The password in a URL location, to scrub it from driver messages that might echo it. */
export function passwordOf(location: string): string | undefined {
  const m = URL_PASSWORD.exec(location);
  if (!m?.[2]) return undefined;
  try {
    return decodeURIComponent(m[2]);
  } catch {
    return m[2];
  }
}

/**
 * The driver's message for an error on one line. Node reports a refused connection to a name with
 * several addresses as an AggregateError with an empty message, so its inner errors are used then.
 */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && !err.message) {
    const inner = err.errors.map((e: unknown) => describeError(e)).filter((m) => m.length > 0);
    if (inner.length > 0) return [...new Set(inner)].join('; ');
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return err.message || (typeof code === 'string' ? code : err.name);
  }
  return String(err);
}

export function storeError(prefix: string, err: unknown, secret?: string): StoreError {
  let message = describeError(err).replace(/\s*\n\s*/g, ' ').trim();
  if (secret) message = message.split(secret).join('***');
  return new StoreError(`${prefix}: ${message}`, { cause: err });
}
