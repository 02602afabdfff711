import { Hono } from 'hono';
import type { Store } from '../store/index.ts';
import { ApiError, type DashboardContext } from './api/context.ts';
import { mountApi } from './api/routes.ts';
import type { AccessConfig, AuthEnv } from './auth.ts';
import { mountEvents, type EventsConfig } from './events-route.ts';
import { securityHeaders } from './security-headers.ts';
import { mountOidc } from './oidc.ts';
import { mountDashboard } from './static.ts';

export interface AppDeps {
  store: Store;
  events: EventsConfig;
  now: () => Date;
  /** Called after pushed findings are stored (serve alerts on them soon after). */
  onStored?: () => void;
  /** The dashboard and its API; without it the server only receives events. */
  dashboard?: { context: DashboardContext; access: AccessConfig; webRoot?: string };
}

/** The HTTP application: every route, behind strict security headers; errors never leak internals. */
export function createApp(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use(securityHeaders());
  app.get('/healthz', (c) => c.json({ ok: true }));
  mountEvents(app, deps.store, deps.events, deps.now, deps.onStored ?? (() => {}));
  if (deps.dashboard) {
    const { access } = deps.dashboard;
    // Before the dashboard's files, whose catch-all would otherwise answer /auth/* with the UI.
    if (access.oidc) mountOidc(app, { ...access, oidc: access.oidc });
    mountApi(app, deps.dashboard.context, access);
    mountDashboard(app, deps.dashboard.webRoot);
  }
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ error: err.message }, err.status);
    process.stderr.write(`rampart serve: ${c.req.method} ${c.req.path}: ${err.message}\n`);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
