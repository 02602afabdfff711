import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono } from 'hono';

/** Where `vite build` puts the dashboard: dist/web of the package, from src/server or dist/server alike. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * The dashboard's files, and its index for every other page path (the UI routes in the browser).
 * Hashed assets are immutable; the index is never cached, so a new build is seen at once.
 */
export function mountDashboard<E extends Env>(app: Hono<E>, root: string = WEB_ROOT): void {
  const index = `${root}index.html`;
  if (!existsSync(index)) {
    app.get('/', (c) => c.text('The dashboard is not built: run `npm run build` (the JSON API is at /api).', 503));
    return;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root }));
  app.use('/favicon.svg', serveStatic({ root }));
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/') || path === '/events' || path === '/healthz') return next();
    c.header('cache-control', 'no-cache');
    return serveStatic({ path: index })(c, next);
  });
}
