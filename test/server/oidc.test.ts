import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { computeDay, controlsInForce } from '../../src/compliance/compute.ts';
import { policySchema } from '../../src/policy/schema.ts';
import { createApp } from '../../src/server/app.ts';
import type { DashboardContext } from '../../src/server/api/context.ts';
import type { FindingItem } from '../../src/server/api/findings.ts';
import { discoverOidc, OidcSetupError, type OidcLogin } from '../../src/server/oidc.ts';
import { sessionKey } from '../../src/server/session.ts';
import { loadUsers, sha256Hex, type DashboardUser, type DefaultRole, type Principal } from '../../src/server/users.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { finding, scan } from '../store/support.ts';
import { startFakeIdp, type FakeIdp } from './fake-idp.ts';

const PROD = '111111111111';
const DEV = '222222222222';
const PUBLIC_URL = 'https://rampart.example.com';
const TOKEN = 'ops-token-0123456789abcdef';
const USERS: DashboardUser[] = [
  { user: 'alice', role: 'admin', accounts: null, email: 'alice@example.com' },
  { user: 'prod-team', role: 'account-owner', accounts: [PROD], email: 'owner@example.com' },
  { user: 'ops.bot', role: 'viewer', accounts: null, tokenSha256: sha256Hex(TOKEN) },
];

interface Page {
  total: number;
  items: FindingItem[];
}

describe('dashboard sign-in through OIDC', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-oidc-'));
  const logs: string[] = [];
  const bodies: string[] = [];
  let idp: FakeIdp;
  let store: Store;
  let context: DashboardContext;
  let oidc: OidcLogin;
  const now = () => new Date();

  const appWith = (login: OidcLogin, users: readonly DashboardUser[] = USERS) =>
    createApp({ store, events: { apiKey: undefined, header: 'x-api-key' }, now, dashboard: { context, access: { users, open: false, now, oidc: login, sessionKey: login.sessionKey } } });
  const login = (key: Buffer, defaultRole: DefaultRole = 'none') =>
    discoverOidc({ issuer: new URL(idp.issuer), clientId: idp.clientId, clientSecret: idp.clientSecret, publicUrl: new URL(PUBLIC_URL), defaultRole, allowHttp: true, sessionKey: key, log: (l) => logs.push(l) });

  /** What a browser does: /auth/login, the provider's authorize page, back to /auth/callback with the flow cookie. */
  async function signIn(app: ReturnType<typeof createApp>, next: FakeIdp['next'], tamper: { state?: string; flowCookie?: (c: string) => string } = {}) {
    idp.next = next;
    const start = await app.request('/auth/login');
    assert.equal(start.status, 302);
    const flowCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    assert.equal(authorize.status, 302);
    const back = new URL(authorize.headers.get('location')!);
    assert.equal(`${back.origin}${back.pathname}`, `${PUBLIC_URL}/auth/callback`);
    if (tamper.state !== undefined) back.searchParams.set('state', tamper.state);
    const res = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: tamper.flowCookie ? tamper.flowCookie(flowCookie) : flowCookie } });
    const body = await res.clone().text();
    bodies.push(body, JSON.stringify([...res.headers]));
    const session = res.headers.getSetCookie().find((c) => c.startsWith('rampart_session='));
    return { res, body, start, session, cookie: session?.split(';')[0] };
  }

  const api = async (app: ReturnType<typeof createApp>, path: string, cookie: string | undefined) => {
    const res = await app.request(path, cookie ? { headers: { cookie } } : {});
    bodies.push(await res.clone().text());
    return res;
  };

  before(async () => {
    idp = await startFakeIdp();
    store = await openStore(join(dir, 'store.db'));
    const checks = await loadChecks();
    const policy = { config: policySchema.parse({}) };
    const at = new Date().toISOString();
    await store.recordScan(
      scan('s1', at, { accounts: [PROD, DEV] }),
      [
        finding({ checkId: 'iam_password_policy_min_length_14', accountId: PROD, region: 'global', resourceId: `arn:aws:iam::${PROD}:root`, requirements: ['1.8'], observedAt: at }),
        finding({ checkId: 'iam_password_policy_min_length_14', accountId: DEV, region: 'global', resourceId: `arn:aws:iam::${DEV}:root`, requirements: ['1.8'], observedAt: at }),
      ],
      [{ id: PROD, name: 'acme-prod' }, { id: DEV, name: 'acme-dev' }],
    );
    await computeDay(store, policy.config, checks, at.slice(0, 10), new Date(at));
    context = { store, policy, controls: controlsInForce(policy.config, checks), now };
    oidc = await login(sessionKey(undefined));
  });
  after(async () => {
    await store?.close();
    await idp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with code + PKCE, maps the verified email to its user, and sets the session cookie', async () => {
    const app = appWith(oidc);
    const anonymous = await api(app, '/api/session', undefined);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { error: 'authentication required: send Authorization: Bearer <token>, or log in', login: true, oidc: true });

    const { res, start, session, cookie } = await signIn(app, { email: 'Alice@Example.com' });
    const asked = idp.authorizations.at(-1)!;
    assert.equal(asked.get('response_type'), 'code');
    assert.equal(asked.get('client_id'), idp.clientId);
    assert.equal(asked.get('redirect_uri'), `${PUBLIC_URL}/auth/callback`);
    assert.equal(asked.get('code_challenge_method'), 'S256');
    assert.match(asked.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.deepEqual(asked.get('scope')?.split(' ').sort(), ['email', 'openid']);
    assert.ok(asked.get('state') && asked.get('nonce'));
    const flow = start.headers.getSetCookie()[0]!;
    assert.match(flow, /^rampart_oidc=[\w-]+\.[\w-]+; Max-Age=600; Path=\/auth; .*HttpOnly; Secure; SameSite=Lax$/);
    assert.ok(!flow.includes(asked.get('state')!), 'state, nonce and verifier are not readable from the cookie name alone');

    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/');
    assert.ok(res.headers.getSetCookie().some((c) => /^rampart_oidc=;.*Max-Age=0/.test(c)), 'the flow cookie is spent');
    assert.match(session ?? '', /^rampart_session=\.[\w-]+\.\d+\.[\w-]+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    assert.deepEqual(await (await api(app, '/api/session', cookie)).json(), { user: 'alice', role: 'admin', accounts: null });
  });

  it('signs out at the provider too: logout names its end-session address for an OIDC session only', async () => {
    const app = appWith(oidc);
    const { cookie } = await signIn(app, { email: 'alice@example.com' });
    const res = await app.request('/api/logout', { method: 'POST', headers: { cookie: cookie! } });
    assert.equal(res.status, 200);
    assert.ok(res.headers.getSetCookie().some((c) => /^rampart_session=;.*Max-Age=0/.test(c)), 'the session cookie is cleared');
    const end = new URL(((await res.json()) as { endSession: string }).endSession);
    assert.equal(`${end.origin}${end.pathname}`, `${idp.issuer}/logout`);
    assert.equal(end.searchParams.get('client_id'), idp.clientId);
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${PUBLIC_URL}/`);

    const byToken = await app.request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    const tokenCookie = byToken.headers.getSetCookie()[0]!.split(';')[0]!;
    const tokenOut = await app.request('/api/logout', { method: 'POST', headers: { cookie: tokenCookie } });
    assert.deepEqual(await tokenOut.json(), { endSession: null }, 'a token session has nothing to end at the provider');
    assert.deepEqual(await (await app.request('/api/logout', { method: 'POST' })).json(), { endSession: null });
  });

  it("scopes an account owner who signed in through OIDC to their accounts, in the API", async () => {
    const app = appWith(oidc);
    const { cookie } = await signIn(app, { email: 'owner@example.com' });
    assert.deepEqual(await (await api(app, '/api/session', cookie)).json(), { user: 'prod-team', role: 'account-owner', accounts: [PROD] });
    const all = (await (await api(app, '/api/findings', cookie)).json()) as Page;
    assert.deepEqual([...new Set(all.items.map((f) => f.accountId))], [PROD]);
    assert.equal(((await (await api(app, `/api/findings?account=${DEV}`, cookie)).json()) as Page).total, 0);
    assert.equal((await api(app, `/api/accounts/${DEV}`, cookie)).status, 403);
    assert.equal((await api(app, `/api/accounts/${PROD}`, cookie)).status, 200);
  });

  it('refuses a tampered state or flow cookie, and a missing one', async () => {
    const app = appWith(oidc);
    const state = await signIn(app, { email: 'alice@example.com' }, { state: 'forged-state' });
    assert.equal(state.res.status, 400);
    assert.match(state.body, /could not be verified: .*state/);
    const cookie = await signIn(app, { email: 'alice@example.com' }, { flowCookie: (c) => `${c.slice(0, -3)}AAA` });
    assert.equal(cookie.res.status, 400);
    assert.match(cookie.body, /this sign-in expired or was started in another browser/);
    const none = await signIn(app, { email: 'alice@example.com' }, { flowCookie: () => 'other=1' });
    assert.equal(none.res.status, 400);
    for (const r of [state, cookie, none]) assert.equal(r.session, undefined);
  });

  it('refuses ID tokens with a wrong nonce, audience or key, or expired', async () => {
    const app = appWith(oidc);
    const nowS = Math.floor(Date.now() / 1000);
    const cases: [FakeIdp['next'], RegExp][] = [
      [{ email: 'alice@example.com', claims: { nonce: 'replayed-nonce' } }, /nonce/],
      [{ email: 'alice@example.com', claims: { aud: 'some-other-client' } }, /aud/],
      [{ email: 'alice@example.com', claims: { iat: nowS - 7200, exp: nowS - 3600 } }, /exp/],
      [{ email: 'alice@example.com', signWith: 'other-key' }, /signature verification failed/],
    ];
    for (const [next, reason] of cases) {
      const r = await signIn(app, next);
      assert.equal(r.res.status, 400, JSON.stringify(next));
      assert.match(r.body, reason, JSON.stringify(next));
      assert.equal(r.session, undefined);
    }
  });

  it('refuses unverified and unknown emails with a plain page, escaped, no stack', async () => {
    const app = appWith(oidc);
    const unverified = await signIn(app, { email: 'alice@example.com', emailVerified: false });
    assert.equal(unverified.res.status, 403);
    assert.match(unverified.body, /does not say alice@example\.com is verified/);
    const unasserted = await signIn(app, { email: 'alice@example.com', emailVerified: null });
    assert.equal(unasserted.res.status, 403, 'a provider that does not assert email_verified is not trusted with it');
    const unknown = await signIn(app, { email: '<img/src=x>@example.com' });
    assert.equal(unknown.res.status, 403);
    assert.match(unknown.res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(unknown.body, /&lt;img\/src=x&gt;@example\.com is not a dashboard user/);
    assert.ok(!unknown.body.includes('<img'));
    for (const email of [null, 'evil\nsigned in: root@example.com']) {
      const odd = await signIn(app, { claims: { email } });
      assert.equal(odd.res.status, 403);
      assert.match(odd.body, /sent no email address \(or a malformed one\)/);
    }
    const started = await app.request('/auth/login');
    const flowCookie = (started.headers.get('set-cookie') ?? '').split(';')[0]!;
    const denied = await app.request('/auth/callback?error=access_denied&error_description=%3Cb%3Enope%3C%2Fb%3E', { headers: { cookie: flowCookie } });
    const text = await denied.text();
    bodies.push(text);
    assert.equal(denied.status, 400);
    assert.match(text, /did not sign you in: access_denied \(&lt;b&gt;nope&lt;\/b&gt;\)/);
    // Without a sign-in in progress the page repeats nothing a link could put in it.
    const spoofed = await app.request('/auth/callback?error=access_denied&error_description=Call%20555-0100%20to%20unlock');
    assert.equal(spoofed.status, 400);
    const spoofedText = await spoofed.text();
    bodies.push(spoofedText);
    assert.ok(!spoofedText.includes('555-0100'));
    assert.match(spoofedText, /sign in again/);
    assert.ok(!logs.some((l) => l.includes('\n')));
    for (const r of [unverified, unasserted, unknown]) {
      assert.equal(r.session, undefined);
      assert.doesNotMatch(r.body, /\bat \S+:\d+/);
    }
    assert.ok(logs.some((l) => l.includes('is not a dashboard user')));
  });

  it('lets unknown verified people in as viewers only with --oidc-default-role viewer', async () => {
    const app = appWith(await login(sessionKey(undefined), 'viewer'));
    const { cookie } = await signIn(app, { email: 'bob@example.com' });
    assert.deepEqual(await (await api(app, '/api/session', cookie)).json(), { user: 'bob@example.com', role: 'viewer', accounts: null });
    assert.equal((await signIn(app, { email: 'bob@example.com', emailVerified: false })).res.status, 403);
  });

  it('keeps sessions honest: forged, foreign-keyed or of a removed user, they end', async () => {
    const secret = 'session-secret-0123456789';
    const first = appWith(await login(sessionKey(secret)));
    const { cookie } = await signIn(first, { email: 'alice@example.com' });
    // Same secret after a restart: still signed in. Another key, or the user gone: not.
    assert.equal((await api(appWith(await login(sessionKey(secret))), '/api/session', cookie)).status, 200);
    assert.equal((await api(appWith(oidc), '/api/session', cookie)).status, 401);
    assert.equal((await api(appWith(await login(sessionKey(secret)), USERS.slice(1)), '/api/session', cookie)).status, 401);
    const forged = cookie!.replace(/^rampart_session=\.[\w-]+/, `rampart_session=.${Buffer.from('owner@example.com').toString('base64url')}`);
    assert.equal((await api(first, '/api/session', forged)).status, 401);
    assert.equal((await api(first, '/api/session', 'rampart_session=é.1.x')).status, 401, 'a cookie of odd characters is refused, not an error');
  });

  it('keeps token sign-in working beside OIDC, for user names with dots too', async () => {
    const app = appWith(oidc);
    const res = await app.request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    assert.equal(res.status, 204);
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    assert.deepEqual(await (await api(app, '/api/session', cookie)).json(), { user: 'ops.bot', role: 'viewer', accounts: null } satisfies Principal);
  });

  it('never shows the client secret in a response or a log line', () => {
    assert.ok(bodies.length > 10 && logs.length > 3);
    for (const text of [...bodies, ...logs]) assert.ok(!text.includes(idp.clientSecret), text);
    assert.deepEqual(idp.refusals, [], 'every code exchange authenticated with the secret and the right PKCE verifier');
  });

  it('names the issuer and the reason when discovery fails', async () => {
    const dead = await startFakeIdp();
    const issuer = dead.issuer;
    await dead.close();
    await assert.rejects(
      discoverOidc({ issuer: new URL(issuer), clientId: 'x', clientSecret: 'y', publicUrl: new URL(PUBLIC_URL), defaultRole: 'none', allowHttp: true, sessionKey: sessionKey(undefined), log: () => {} }),
      (err: Error) => err instanceof OidcSetupError && err.message.startsWith(`cannot discover the OIDC issuer ${issuer}/: `) && /ECONNREFUSED/.test(err.message),
    );
  });

  it('reads users with an email, a token or both, and refuses ones with neither or a shared email', async () => {
    const file = join(dir, 'users.yaml');
    writeFileSync(file, `- { name: alice, email: Alice@Example.com, role: admin }\n- { name: bot, token_sha256: ${'a'.repeat(64)}, role: viewer }\n- { name: carol, email: carol@example.com, token_sha256: ${'b'.repeat(64)}, role: account-owner, accounts: ['${PROD}'] }\n`);
    assert.deepEqual(
      (await loadUsers(file)).map((u) => [u.user, u.email, u.tokenSha256?.slice(0, 1)]),
      [['alice', 'alice@example.com', undefined], ['bot', undefined, 'a'], ['carol', 'carol@example.com', 'b']],
    );
    writeFileSync(file, '- { name: alice, role: admin }\n');
    await assert.rejects(loadUsers(file), /users\.yaml:1:3: \[0\]: a user needs token_sha256: \(token sign-in\) or email: \(OIDC sign-in\), or both/);
    writeFileSync(file, '- { name: a, email: x@example.com, role: admin }\n- { name: b, email: X@example.com, role: viewer }\n');
    await assert.rejects(loadUsers(file), /email 'x@example\.com' belongs to two users/);
    writeFileSync(file, '- { name: a, email: not-an-address, role: admin }\n');
    await assert.rejects(loadUsers(file), /'not-an-address' is not an email address/);
  });
});
