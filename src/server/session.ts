import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { DashboardUser } from './users.ts';

export const SESSION_COOKIE = 'rampart_session';
/** A working day: long enough not to nag, short enough that a copied cookie goes stale. */
export const SESSION_SECONDS = 12 * 3600;

/** Constant-time equality; compares bytes, as a cookie may carry characters of any width. */
export function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const mac = (key: Buffer | string, purpose: string, body: string) => createHmac('sha256', key).update(`${purpose}\n${body}`).digest('base64url');
const expiresAt = (now: Date, seconds: number) => Math.floor(now.getTime() / 1000) + seconds;
const live = (expires: string, now: Date) => /^\d+$/.test(expires) && Number(expires) * 1000 > now.getTime();

/**
 * The key that signs sessions and the OIDC sign-in flow cookie. Derived from RAMPART_SESSION_SECRET when set, so sessions survive a restart and are shared
 * by several servers; otherwise random, so a restart signs everyone out.
 */
export function sessionKey(secret: string | undefined): Buffer {
  if (!secret) return randomBytes(32);
  return Buffer.from(hkdfSync('sha256', secret, 'rampart', 'rampart session key', 32));
}

/**
 * A token user's session is `user.expiry.mac`, signed with the server's session key over the user's
 * token hash too: the hash alone (which the users file shows) cannot forge one, and changing or
 * removing a user's token ends their sessions. The server keeps no session state.
 */
export function tokenSession(user: string, tokenSha256: string, key: Buffer, now: Date): string {
  const body = `${user}.${expiresAt(now, SESSION_SECONDS)}`;
  return `${body}.${mac(key, 'token-session', `${tokenSha256}\n${body}`)}`;
}

/**
 * An OIDC sign-in's session is `.email.expiry.mac` (email base64url-encoded), keyed by the server's
 * session key. No user name starts with a dot, so the two kinds cannot be mistaken for each other.
 */
export function emailSession(email: string, key: Buffer, now: Date): string {
  const body = `.${Buffer.from(email).toString('base64url')}.${expiresAt(now, SESSION_SECONDS)}`;
  return `${body}.${mac(key, 'session', body)}`;
}

export type SessionOf = { user: DashboardUser } | { email: string };

/** Whose session this cookie is, if it is genuine and not expired. */
export function readSession(value: string, users: readonly DashboardUser[], key: Buffer, now: Date): SessionOf | undefined {
  // From the right: a user name may itself contain dots.
  const last = value.lastIndexOf('.');
  const middle = value.lastIndexOf('.', last - 1);
  if (middle <= 0) return undefined;
  const subject = value.slice(0, middle);
  const expires = value.slice(middle + 1, last);
  const given = value.slice(last + 1);
  const body = value.slice(0, last);
  if (!live(expires, now)) return undefined;
  if (subject.startsWith('.')) {
    if (!same(given, mac(key, 'session', body))) return undefined;
    return { email: Buffer.from(subject.slice(1), 'base64url').toString() };
  }
  const user = users.find((u) => u.user === subject);
  if (!user?.tokenSha256) return undefined;
  return same(given, mac(key, 'token-session', `${user.tokenSha256}\n${body}`)) ? { user } : undefined;
}

/** Short-lived signed data a browser carries between two requests (the OIDC flow's state). */
export function sealed(key: Buffer, purpose: string, data: unknown, now: Date, seconds: number): string {
  const body = Buffer.from(JSON.stringify({ data, expires: expiresAt(now, seconds) })).toString('base64url');
  return `${body}.${mac(key, purpose, body)}`;
}

export function unsealed(key: Buffer, purpose: string, value: string | undefined, now: Date): unknown {
  const [body, given, ...rest] = (value ?? '').split('.');
  if (body === undefined || given === undefined || rest.length || !same(given, mac(key, purpose, body))) return undefined;
  const { data, expires } = JSON.parse(Buffer.from(body, 'base64url').toString()) as { data: unknown; expires: number };
  return live(String(expires), now) ? data : undefined;
}

/** Secure when the browser reached us over HTTPS, directly or through a proxy that says so. */
export function overHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(c: Context, value: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: SESSION_SECONDS, secure });
}
