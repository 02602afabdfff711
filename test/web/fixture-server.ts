// A stand-in for `rampart serve` that answers the dashboard's API with hand-made data full of hostile
// text (markup in titles, reasons, names and resource ids), behind the same CSP as the real server, and
// signs people in as an OpenID Connect server would (401 with `oidc: true`, then GET /auth/login).
// The real sample organization has no such strings, so this is where "rendered as text only" is proven.
// With `heatmapAccounts` it answers the heat map of a large organization instead (largeHeatmap).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from '../../src/server/security-headers.ts';

export const HOSTILE = {
  title: '<img src=x onerror="window.__pwned=1">Root account used',
  account: '<script>window.__pwned=1</script>evil',
  reason: '<b onmouseover="window.__pwned=1">bold</b> reason',
  resource: 'arn:aws:s3:::"><svg onload=window.__pwned=1>',
};

export const SESSION_COOKIE = 'fixture_session';
const ACCOUNT = '111111111111';
const CONTROL = 'cis-aws-3.0.0/1.4';

const finding = {
  id: 'f1',
  source: 'rampart',
  control: CONTROL,
  accountId: ACCOUNT,
  accountName: HOSTILE.account,
  region: 'eu-west-1',
  resourceId: HOSTILE.resource,
  resourceType: 'AwsS3Bucket',
  type: null,
  status: 'FAIL',
  severity: 'high',
  title: HOSTILE.title,
  reason: HOSTILE.reason,
  firstSeen: '2026-11-01T00:00:00Z',
  lastSeen: '2026-11-29T00:00:00Z',
  resolvedAt: null,
};
const exception = {
  index: 0,
  scope: `accounts ${ACCOUNT}`,
  control: CONTROL,
  resource: HOSTILE.resource,
  regions: null,
  reason: HOSTILE.reason,
  approver: HOSTILE.account,
  approved: '2026-10-01',
  expires: '2026-11-01',
  expired: true,
  daysLeft: -28,
  covered: 1,
};

/** An organization of `count` accounts in 10 OUs and 34 controls, some failing, for the heat map of a large organization. */
export function largeHeatmap(count: number) {
  if (count % 10 !== 0) throw new Error(`largeHeatmap: ${count} accounts do not split into 10 OUs evenly`);
  const controls = Array.from({ length: 34 }, (_, i) => ({ id: `cis-aws-3.0.0/1.${i + 1}`, title: `Control 1.${i + 1}`, section: '1' }));
  const groups = Array.from({ length: 10 }, (_, g) => ({
    ou: `Root/Unit-${String(g).padStart(2, '0')}`,
    accounts: Array.from({ length: count / 10 }, (_, k) => {
      const n = g * (count / 10) + k;
      const id = String(100000000000 + n);
      const cells = Object.fromEntries(controls.map((c, i) => [c.id, (n + i) % 7 === 0 ? { status: 'non_compliant', streak: 1 + ((n + i) % 30), failing: 2 } : { status: 'compliant', streak: 0, failing: 0 }]));
      return { id, name: `team-${n}`, cells };
    }),
  }));
  return { day: '2026-11-29', framework: 'cis-aws-3.0.0', frameworks: ['cis-aws-3.0.0'], controls, groups };
}

export function fixtureApp(webRoot: string, o: { heatmapAccounts?: number } = {}): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  // Signing in is a stand-in for an OpenID Connect round trip: /auth/login sets the session and comes home.
  app.get('/auth/login', (c) => {
    setCookie(c, SESSION_COOKIE, 'signed-in', { httpOnly: true, path: '/' });
    return c.redirect('/', 302);
  });
  app.use('/api/*', async (c, next) => {
    if (getCookie(c, SESSION_COOKIE) !== 'signed-in') return c.json({ error: 'authentication required', login: true, oidc: true }, 401);
    await next();
  });
  app.get('/api/session', (c) => c.json({ user: 'fixture', role: 'admin', accounts: null }));
  // Signed in through the stand-in provider: signing out ends its sign-in too, which comes back home.
  app.post('/api/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    const home = new URL('/', c.req.url).href;
    return c.json({ endSession: new URL(`/idp/logout?post_logout_redirect_uri=${encodeURIComponent(home)}`, c.req.url).href });
  });
  app.get('/idp/logout', (c) => c.redirect(c.req.query('post_logout_redirect_uri') ?? '/', 302));
  app.get('/api/overview', (c) =>
    c.json({
      day: '2026-11-29',
      framework: 'cis-aws-3.0.0',
      frameworks: ['cis-aws-3.0.0'],
      rate: 0.5,
      compliant: 1,
      nonCompliant: 1,
      trend: [
        { day: '2026-11-28', rate: null },
        { day: '2026-11-29', rate: 0.5 },
      ],
      sections: [{ section: HOSTILE.title, rate: 0.5, compliant: 1, nonCompliant: 1 }],
      openFindings: { bySeverity: { critical: 0, high: 1, medium: 0, low: 0, informational: 0 }, bySource: { rampart: 1 } },
      escalations: [{ accountId: ACCOUNT, accountName: HOSTILE.account, control: CONTROL, title: HOSTILE.title, days: 9, tier: 1 }],
      expiringExceptions: [],
    }),
  );
  const large = o.heatmapAccounts ? largeHeatmap(o.heatmapAccounts) : undefined;
  app.get('/api/heatmap', (c) =>
    c.json(large ?? {
      day: '2026-11-29',
      framework: 'cis-aws-3.0.0',
      controls: [{ id: CONTROL, title: HOSTILE.title, section: '1' }],
      groups: [{ ou: 'Root/<i>Prod</i>', accounts: [{ id: ACCOUNT, name: HOSTILE.account, cells: { [CONTROL]: { status: 'non_compliant', streak: 9, failing: 1 } } }] }],
    }),
  );
  app.get('/api/heatmap/cell', (c) =>
    c.json({
      accountId: ACCOUNT,
      accountName: HOSTILE.account,
      control: CONTROL,
      title: HOSTILE.title,
      status: 'non_compliant',
      streak: 9,
      day: '2026-11-29',
      remediation: HOSTILE.reason,
      regions: [{ region: 'eu-west-1', findings: [{ id: 'f1', resourceId: HOSTILE.resource, resourceType: 'AwsS3Bucket', status: 'FAIL', reason: HOSTILE.reason }] }],
    }),
  );
  app.get('/api/findings', (c) =>
    c.req.query('severity') === 'bogus' ? c.json({ error: 'severity: unknown value "bogus"' }, 400) : c.json({ total: 1, offset: 0, limit: 50, items: [finding] }),
  );
  app.get('/api/findings/groups', (c) =>
    c.json({ groupBy: c.req.query('groupBy'), total: 1, groups: [{ key: ACCOUNT, label: HOSTILE.account, count: 1 }] }),
  );
  app.get('/api/accounts', (c) =>
    c.json({ accounts: [{ id: ACCOUNT, name: HOSTILE.account, ouPath: 'Root/Prod', rate: 0.5, openFindings: 1, lastScannedAt: '2026-11-29T01:00:00Z' }] }),
  );
  app.get('/api/accounts/:id', (c) =>
    c.json({
      id: ACCOUNT,
      name: HOSTILE.account,
      email: 'ops@example.com',
      ouPath: 'Root/Prod',
      owners: { owners: [{ name: HOSTILE.account, email: 'owner@example.com' }], manager: null },
      trend: [{ day: '2026-11-29', rate: 0.5 }],
      openFindings: { bySeverity: { high: 1 }, total: 1 },
      exceptions: [exception],
      escalations: [{ control: CONTROL, tier: 1, days: 7, sentAt: '2026-11-27T08:00:00Z', streakStart: '2026-11-20', recipients: [HOSTILE.account] }],
      lastScan: {
        id: 's1',
        source: 'scan',
        startedAt: '2026-11-29T01:00:00Z',
        finishedAt: '2026-11-29T01:05:00Z',
        status: 'partial',
        errors: [{ accountId: ACCOUNT, region: 'eu-west-1', code: 'AccessDenied', message: HOSTILE.reason }],
      },
    }),
  );
  app.get('/api/exceptions', (c) => c.json({ exceptions: [exception] }));
  app.all('/api/*', (c) => c.json({ error: 'no such route' }, 404));
  app.use('/*', serveStatic({ root: webRoot }));
  app.get('*', async (c) => c.html(await readFile(`${webRoot}/index.html`, 'utf8')));
  return app;
}

export function startFixture(webRoot: string, o: { heatmapAccounts?: number } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fixtureApp(webRoot, o).fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}
