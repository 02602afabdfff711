import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sha256Hex, type DashboardUser, type Principal } from './users.ts';

export const SESSION_COOKIE = 'rampart_session';
/** A working day: long enough not to nag, short enough that a copied cookie goes stale. */
export const SESSION_SECONDS = 12 * 3600;

export interface AccessConfig {
  users: readonly DashboardUser[];
  /** Acting as admin without credentials: only on a loopback address with no users configured. */
  open: boolean;
  now: () => Date;
}

export type AuthEnv = { Variables: { principal: Principal } };

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The user a bearer token belongs to; every user is compared so timing says nothing about which. */
export function userForToken(users: readonly DashboardUser[], token: string): DashboardUser | undefined {
  const digest = sha256Hex(token);
  let found: DashboardUser | undefined;
  for (const u of users) if (same(u.tokenSha256, digest)) found = u;
  return found;
}

/**
 * A session is `user.expiry.mac`, keyed by the user's token hash: changing or removing a user's
 * token ends their sessions, and the server keeps no session state.
 */
export function sessionValue(user: DashboardUser, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + SESSION_SECONDS;
  const body = `${user.user}.${expires}`;
  return `${body}.${createHmac('sha256', user.tokenSha256).update(body).digest('base64url')}`;
}

export function userForSession(users: readonly DashboardUser[], value: string, now: Date): DashboardUser | undefined {
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  const [name, expires, mac] = parts as [string, string, string];
  const user = users.find((u) => u.user === name);
  if (!user || !/^\d+$/.test(expires) || Number(expires) * 1000 <= now.getTime()) return undefined;
  const expected = createHmac('sha256', user.tokenSha256).update(`${name}.${expires}`).digest('base64url');
  return same(mac, expected) ? user : undefined;
}

const LOCAL: Principal = { user: 'local', role: 'admin', accounts: null };

function principalOf(c: Context, access: AccessConfig): Principal | undefined {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? userForToken(access.users, m[1]!) : undefined;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie !== undefined) return userForSession(access.users, cookie, access.now());
  return access.open ? LOCAL : undefined;
}

/** Every API request acts as someone: a token's user, a session's user, or (open mode only) local admin. */
export function requirePrincipal(access: AccessConfig): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = principalOf(c, access);
    if (!principal) return c.json({ error: 'authentication required: send Authorization: Bearer <token>, or log in', login: true }, 401);
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
