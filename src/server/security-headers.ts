import { secureHeaders } from 'hono/secure-headers';

/**
 * Strict headers on every answer: no script, style or connection but our own, no inline code, no
 * framing, no referrer. The dashboard is built to run under exactly this policy (its browser tests
 * serve it with these headers too).
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  });
}
