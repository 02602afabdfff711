import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { z } from 'zod';
import { requirePrincipal, scopeOf, userForToken, type AccessConfig, type AuthEnv } from '../auth.ts';
import { overHttps, readSession, SESSION_COOKIE, setSessionCookie, tokenSession } from '../session.ts';
import { accountDetail, accountList } from './accounts.ts';
import { ApiError, today, type DashboardContext } from './context.ts';
import { exceptionViews } from './exceptions.ts';
import { findingGroups, findingsCsv, findingsPage } from './findings.ts';
import { heatCell, heatmapJson } from './heatmap.ts';
import { openApiDocument } from './openapi.ts';
import { overview } from './overview.ts';
import { accountParam, cellQuery, describeIssues, explorerFilter, filterQuery, findingsQuery, frameworkQuery, groupsQuery, loginBody, overviewQuery } from './params.ts';

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError(400, describeIssues(result.error));
  return result.data;
}

/** Query parameters given twice are ambiguous, so they are refused rather than one silently chosen. */
function queryOf(c: Context): Record<string, string> {
  const all = c.req.queries();
  const repeated = Object.keys(all).filter((k) => (all[k]?.length ?? 0) > 1);
  if (repeated.length) throw new ApiError(400, `parameter ${repeated.map((k) => `'${k}'`).join(', ')} given more than once; list values comma-separated`);
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v[0]!]));
}

/**
 * A body read one chunk at a time as the client takes it: a client that goes away stops the reading,
 * and a failure midway breaks the transfer rather than ending it as if the export were complete.
 */
function pull(chunks: AsyncGenerator<string>, onError: (err: Error) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        onError(err as Error);
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/**
 * The dashboard's JSON API under /api: every view the UI shows, read-only, scoped to the caller's
 * accounts. Login and the OpenAPI description are the only routes open without credentials.
 */
export function mountApi(app: Hono<AuthEnv>, ctx: DashboardContext, access: AccessConfig): void {
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  // Read before anyone is known to be anyone: a token is far below this.
  const loginBodyLimit = bodyLimit({ maxSize: 4096, onError: (c) => c.json({ error: 'request body larger than 4096 bytes' }, 413) });
  app.post('/api/login', loginBodyLimit, async (c) => {
    if (!access.users.some((u) => u.tokenSha256 !== undefined)) throw new ApiError(400, 'no token users are configured (rampart serve --users, RAMPART_API_TOKEN): nothing to log in to');
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) throw new ApiError(400, 'send the token as JSON: {"token": "..."}');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(400, 'body is not JSON');
    }
    const { token } = parsed(loginBody, body);
    const user = userForToken(access.users, token);
    if (!user?.tokenSha256) return c.json({ error: 'unknown token' }, 401);
    setSessionCookie(c, tokenSession(user.user, user.tokenSha256, access.sessionKey, access.now()), overHttps(c));
    return c.body(null, 204);
  });

  app.post('/api/logout', (c) => {
    const session = readSession(getCookie(c, SESSION_COOKIE) ?? '', access.users, access.sessionKey, access.now());
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    // Someone who signed in at the provider is signed in there still; the browser goes there next.
    return c.json({ endSession: session && 'email' in session ? (access.oidc?.endSession ?? null) : null });
  });

  app.use('/api/*', requirePrincipal(access));

  app.get('/api/session', (c) => c.json(c.get('principal')));
  app.get('/api/overview', async (c) => c.json(await overview(ctx, c.get('principal'), parsed(overviewQuery, queryOf(c)))));
  app.get('/api/heatmap', async (c) => {
    const body = await heatmapJson(ctx, c.get('principal'), parsed(frameworkQuery, queryOf(c)));
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
  app.get('/api/heatmap/cell', async (c) => c.json(await heatCell(ctx, c.get('principal'), parsed(cellQuery, queryOf(c)))));
  app.get('/api/findings', async (c) => {
    const q = parsed(findingsQuery, queryOf(c));
    return c.json(await findingsPage(ctx, explorerFilter(q, scopeOf(c.get('principal'))), q));
  });
  app.get('/api/findings/groups', async (c) => {
    const q = parsed(groupsQuery, queryOf(c));
    return c.json(await findingGroups(ctx, explorerFilter(q, scopeOf(c.get('principal'))), q.groupBy));
  });
  app.get('/api/findings.csv', (c) => {
    const f = explorerFilter(parsed(filterQuery, queryOf(c)), scopeOf(c.get('principal')));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="rampart-findings-${today(ctx.now())}.csv"`);
    return c.body(pull(findingsCsv(ctx, f), (err) => process.stderr.write(`rampart serve: CSV export failed: ${err.message}\n`)));
  });
  app.get('/api/accounts', async (c) => c.json(await accountList(ctx, c.get('principal'))));
  app.get('/api/accounts/:id', async (c) => c.json(await accountDetail(ctx, c.get('principal'), parsed(accountParam, c.req.param()).id)));
  app.get('/api/exceptions', async (c) => {
    const known = { accounts: await ctx.store.accounts(), judged: await ctx.store.dashboard.latestDay(today(ctx.now())) };
    return c.json({ exceptions: await exceptionViews(ctx, c.get('principal'), known) });
  });
}
