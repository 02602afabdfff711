import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Store } from '../store/index.ts';
import { mountEvents, type EventsConfig } from './events-route.ts';

export interface AppDeps {
  store: Store;
  events: EventsConfig;
  now: () => Date;
  /** Called after pushed findings are stored (serve alerts on them soon after). */
  onStored?: () => void;
}

/** The HTTP application: every route, behind strict security headers; errors never leak internals. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
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
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));
  mountEvents(app, deps.store, deps.events, deps.now, deps.onStored ?? (() => {}));
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    process.stderr.write(`rampart serve: ${c.req.method} ${c.req.path}: ${err.message}\n`);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
