import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { OidcLogin } from './oidc.ts';
import { readSession, same, SESSION_COOKIE } from './session.ts';
import { principalForEmail, sha256Hex, type DashboardUser, type Principal } from './users.ts';

export interface AccessConfig {
  users: readonly DashboardUser[];
  /** Acting as admin without credentials: only on a loopback address with no users configured. */
  open: boolean;
  now: () => Date;
  /** Signs session cookies (session.ts sessionKey). */
  sessionKey: Buffer;
  /** Sign-in through an OpenID Connect provider, when configured. */
  oidc?: OidcLogin;
}

export type AuthEnv = { Variables: { principal: Principal } };

/** The user a bearer token belongs to; every token user is compared so timing says nothing about which. */
export function userForToken(users: readonly DashboardUser[], token: string): DashboardUser | undefined {
  const digest = sha256Hex(token);
  let found: DashboardUser | undefined;
  for (const u of users) if (u.tokenSha256 !== undefined && same(u.tokenSha256, digest)) found = u;
  return found;
}

/** Who a session cookie acts as: its token user, or whoever its OIDC email maps to now. */
function sessionPrincipal(access: AccessConfig, cookie: string): Principal | undefined {
  const session = readSession(cookie, access.users, access.sessionKey, access.now());
  if (!session) return undefined;
  if ('user' in session) return session.user;
  return access.oidc ? principalForEmail(access.users, session.email, access.oidc.defaultRole) : undefined;
}

const LOCAL: Principal = { user: 'local', role: 'admin', accounts: null };

/**
 * Open mode trusts whoever can connect to the loopback address, which a web page can also reach by
 * a name it rebinds to 127.0.0.1 (DNS rebinding) or through a local proxy: only requests addressed to
 * the loopback host itself, and not forwarded, are let in.
 */
function locallyAddressed(c: Context): boolean {
  if (c.req.header('forwarded') !== undefined || c.req.header('x-forwarded-for') !== undefined || c.req.header('x-forwarded-host') !== undefined) return false;
  // The server builds the request URL from the Host header.
  const host = new URL(c.req.url).hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function principalOf(c: Context, access: AccessConfig): Principal | undefined {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? userForToken(access.users, m[1]!) : undefined;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie !== undefined) return sessionPrincipal(access, cookie);
  return access.open && locallyAddressed(c) ? LOCAL : undefined;
}

/** Every API request acts as someone: a token's user, a session's user, or (open mode only) local admin. */
export function requirePrincipal(access: AccessConfig): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = principalOf(c, access);
    // `oidc` tells the UI to offer "Sign in with SSO" (GET /auth/login) besides the token form.
    if (!principal) return c.json({ error: 'authentication required: send Authorization: Bearer <token>, or log in', login: true, ...(access.oidc ? { oidc: true } : {}) }, 401);
    c.set('principal', { user: principal.user, role: principal.role, accounts: principal.accounts });
    await next();
  };
}

/** May this principal see data of this account? */
export function canSee(p: Principal, accountId: string): boolean {
  return p.accounts === null || p.accounts.includes(accountId);
}

/** The account filter every query of this principal carries (undefined: every account). */
export function scopeOf(p: Principal): readonly string[] | undefined {
  return p.accounts ?? undefined;
}
