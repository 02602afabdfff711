import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import * as client from 'openid-client';
import type { AccessConfig, AuthEnv } from './auth.ts';
import { emailSession, overHttps, sealed, setSessionCookie, unsealed } from './session.ts';
import { principalForEmail, type DefaultRole } from './users.ts';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The dashboard's address as browsers reach it; the redirect URI is `<publicUrl>/auth/callback`. */
  publicUrl: URL;
  defaultRole: DefaultRole;
  /** Plain HTTP to the issuer: only for one on this machine (a development or test provider). */
  allowHttp: boolean;
  sessionKey: Buffer;
  log: (line: string) => void;
}

/** A discovered provider and what the sign-in routes need. */
export interface OidcLogin {
  config: client.Configuration;
  redirectUri: string;
  /** Where the dashboard starts, under the public URL. */
  home: string;
  secure: boolean;
  defaultRole: DefaultRole;
  sessionKey: Buffer;
  log: (line: string) => void;
  /**
   * Where the browser ends its sign-in at the provider too, coming back to the dashboard: only when
   * the provider offers RP-initiated logout (end_session_endpoint). The dashboard keeps no ID token,
   * so it sends client_id rather than id_token_hint; a provider that insists on the hint asks the
   * user to confirm.
   */
  endSession?: string;
}

/** The provider cannot be used: the message names it and why, in one line. */
export class OidcSetupError extends Error {}

/** The OIDC flow's state lives this long: enough to type a password and pass MFA. */
const FLOW_SECONDS = 600;
const FLOW_COOKIE = 'rampart_oidc';
const FLOW_PURPOSE = 'oidc-flow';
/** Anyone can put text in the callback's error parameters; more than this is not a provider's reason. */
const MAX_ERROR_TEXT = 200;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
}

/**
 * One line for an error of the OIDC library or of fetch: their own message is generic ("invalid
 * response encountered", "fetch failed"), the reason is in the provider's error or the cause.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: unknown; error?: unknown; error_description?: unknown };
  const cause: unknown = err.cause;
  let detail: string | undefined;
  if (typeof e.error === 'string') detail = typeof e.error_description === 'string' ? `${e.error} (${e.error_description})` : e.error;
  else if (cause instanceof Error) detail = describeError(cause) || undefined;
  const message = err.message || (typeof e.code === 'string' ? e.code : '');
  return (detail ? `${message}: ${detail}` : message).replace(/\s+/g, ' ');
}

/**
 * Reads the provider's discovery document and picks how to send the client secret: Basic when the
 * provider accepts it (the OIDC default), else in the form body.
 */
export async function discoverOidc(s: OidcSettings): Promise<OidcLogin> {
  let discovered: client.Configuration;
  try {
    discovered = await client.discovery(s.issuer, s.clientId, undefined, client.None(), s.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined);
  } catch (err) {
    throw new OidcSetupError(`cannot discover the OIDC issuer ${s.issuer.href}: ${describeError(err)}`);
  }
  const metadata = discovered.serverMetadata();
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const auth = methods.includes('client_secret_basic') ? client.ClientSecretBasic(s.clientSecret) : methods.includes('client_secret_post') ? client.ClientSecretPost(s.clientSecret) : undefined;
  if (!auth) throw new OidcSetupError(`the OIDC issuer ${s.issuer.href} accepts neither client_secret_basic nor client_secret_post (it offers ${methods.join(', ')})`);
  const config = new client.Configuration(metadata, s.clientId, undefined, auth);
  if (s.allowHttp) client.allowInsecureRequests(config);
  // The library would trust the ID token on the strength of TLS to the token endpoint alone; checking
  // its signature against the provider's JWKS as well also covers plain HTTP and intercepting proxies.
  client.enableNonRepudiationChecks(config);
  const base = s.publicUrl.href.replace(/\/+$/, '');
  return {
    config,
    redirectUri: `${base}/auth/callback`,
    home: `${new URL(base).pathname.replace(/\/+$/, '')}/`,
    secure: s.publicUrl.protocol === 'https:',
    defaultRole: s.defaultRole,
    sessionKey: s.sessionKey,
    log: s.log,
    ...(metadata.end_session_endpoint ? { endSession: client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${base}/` }).href } : {}),
  };
}

function isFlow(v: unknown): v is Flow {
  const f = v as Partial<Flow> | undefined;
  return typeof f?.state === 'string' && typeof f.nonce === 'string' && typeof f.verifier === 'string';
}

/** A refusal as a small page: the message is escaped, and there is never a stack trace. */
function refuse(c: Context, oidc: OidcLogin, status: 400 | 403, message: string) {
  c.header('cache-control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in refused · Rampart</title></head>
<body><h1>Sign-in refused</h1><p>${message}</p><p><a href="${oidc.home}auth/login">Sign in again</a></p></body></html>
`,
    status,
  );
}

/**
 * `GET /auth/login` sends the browser to the provider (authorization code with PKCE, state and nonce
 * in a signed cookie); `GET /auth/callback` verifies the answer and the ID token, maps the verified
 * email to a user, and sets the same session cookie as a token login.
 */
export function mountOidc(app: Hono<AuthEnv>, access: AccessConfig & { oidc: OidcLogin }): void {
  const oidc = access.oidc;

  app.get('/auth/login', async (c) => {
    const flow: Flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(oidc.config, {
      redirect_uri: oidc.redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    // Lax, not Strict: the browser must send it on the provider's top-level redirect back to us.
    setCookie(c, FLOW_COOKIE, sealed(oidc.sessionKey, FLOW_PURPOSE, flow, access.now(), FLOW_SECONDS), {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/auth',
      maxAge: FLOW_SECONDS,
      secure: oidc.secure || overHttps(c),
    });
    c.header('cache-control', 'no-store');
    return c.redirect(url.href, 302);
  });

  app.get('/auth/callback', async (c) => {
    const flow = unsealed(oidc.sessionKey, FLOW_PURPOSE, getCookie(c, FLOW_COOKIE), access.now());
    // One use only: a replayed callback finds no flow.
    deleteCookie(c, FLOW_COOKIE, { path: '/auth', secure: oidc.secure || overHttps(c) });
    // Without a sign-in in progress, nothing of the request is shown: a link to this page must not
    // put someone else's words on our origin.
    if (!isFlow(flow)) return refuse(c, oidc, 400, 'this sign-in expired or was started in another browser: sign in again');
    const error = c.req.query('error')?.slice(0, MAX_ERROR_TEXT);
    if (error !== undefined) {
      const description = c.req.query('error_description')?.slice(0, MAX_ERROR_TEXT);
      return refuse(c, oidc, 400, `the identity provider did not sign you in: ${error}${description ? ` (${description})` : ''}`);
    }
    return verifiedSignIn(c, flow);
  });

  const verifiedSignIn = async (c: Context, flow: Flow) => {

    const current = new URL(oidc.redirectUri);
    current.search = new URL(c.req.url).search;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(oidc.config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      oidc.log(`sign-in refused: ${describeError(err)}`);
      return refuse(c, oidc, 400, `the sign-in could not be verified: ${describeError(err)}`);
    }
    // One line without spaces: the address goes into log lines and is compared with the users file's.
    const email = typeof claims?.email === 'string' && /^[^\s@]+@[^\s@]+$/.test(claims.email) ? claims.email.toLowerCase() : undefined;
    if (!email) return refuse(c, oidc, 403, 'the identity provider sent no email address (or a malformed one), which is what the dashboard knows people by (scope "email")');
    // An address the provider has not verified could be anyone's, so it proves nothing.
    if (claims?.email_verified !== true) {
      oidc.log(`sign-in refused: ${email} is not verified by the identity provider`);
      return refuse(c, oidc, 403, `the identity provider does not say ${email} is verified (email_verified), so it cannot be trusted`);
    }
    const principal = principalForEmail(access.users, email, oidc.defaultRole);
    if (!principal) {
      oidc.log(`sign-in refused: ${email} is not a dashboard user`);
      return refuse(c, oidc, 403, `${email} is not a dashboard user: ask an administrator to add it (email:) to the users file`);
    }
    oidc.log(`signed in: ${email} as ${principal.user} (${principal.role})`);
    setSessionCookie(c, emailSession(email, oidc.sessionKey, access.now()), oidc.secure || overHttps(c));
    c.header('cache-control', 'no-store');
    return c.redirect(oidc.home, 302);
  };
}
