import { z } from 'zod';
import { accountParam, cellQuery, filterQuery, findingsQuery, frameworkQuery, groupsQuery, loginBody, overviewQuery } from './params.ts';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: z.ZodType;
  path_params?: z.ZodType;
  body?: z.ZodType;
  /** Media type and description of the success answer. */
  ok: { status: number; type?: 'application/json' | 'text/csv'; description: string };
  open?: boolean;
}

// Parameters come from the same zod schemas the routes validate with, so the description cannot drift.
const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/session', summary: 'Who the caller is: user, role, and the accounts an account owner may see', ok: { status: 200, description: '{ user, role, accounts }' } },
  { method: 'post', path: '/api/login', summary: 'Exchange a token for a session cookie (HttpOnly, SameSite=Strict)', body: loginBody, ok: { status: 204, description: 'logged in' }, open: true },
  { method: 'post', path: '/api/logout', summary: 'End the session', ok: { status: 200, description: '{ endSession }: for an OIDC sign-in, the provider address that ends it there too (when the provider offers one), else null' }, open: true },
  {
    method: 'get',
    path: '/api/overview',
    summary: 'Organization compliance rate now and per day, by section; open findings by severity and source; accounts in escalation; exceptions expiring within 14 days',
    query: overviewQuery,
    ok: { status: 200, description: '{ day, framework, frameworks, rate, compliant, nonCompliant, trend[], sections[], openFindings, escalations[], expiringExceptions[] }' },
  },
  { method: 'get', path: '/api/heatmap', summary: 'Accounts grouped by OU × controls of a framework, with status, streak and failing count per cell', query: frameworkQuery, ok: { status: 200, description: '{ day, framework, controls[], groups[{ ou, accounts[{ id, name, cells }] }] }' } },
  { method: 'get', path: '/api/heatmap/cell', summary: 'Failing and unjudgeable results of one account and control, per region, with reasons', query: cellQuery, ok: { status: 200, description: '{ accountId, accountName, control, title, day, status, streak, remediation, regions[] }' } },
  { method: 'get', path: '/api/findings', summary: 'Findings matching the filters, one page at a time', query: findingsQuery, ok: { status: 200, description: '{ total, offset, limit, items[] }' } },
  { method: 'get', path: '/api/findings/groups', summary: 'Counts of matching findings per account, region, control, type or resource (top 500)', query: groupsQuery, ok: { status: 200, description: '{ groupBy, total, groups[{ key, label, count }] }' } },
  { method: 'get', path: '/api/findings.csv', summary: 'Every finding matching the filters, as CSV', query: filterQuery, ok: { status: 200, type: 'text/csv', description: 'CSV with a header row' } },
  { method: 'get', path: '/api/accounts', summary: 'Accounts with their compliance rate, open failing findings and last scan', ok: { status: 200, description: '{ day, accounts[] }' } },
  { method: 'get', path: '/api/accounts/{id}', summary: 'One account: owners, 90-day trend, open findings, exceptions, escalation history, last scan and its errors', path_params: accountParam, ok: { status: 200, description: 'account detail' } },
  { method: 'get', path: '/api/exceptions', summary: "The policy's exceptions with reason, approver, expiry and the findings they covered; expired ones marked", ok: { status: 200, description: '{ exceptions[] }' } },
];

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

function parameters(schema: z.ZodType, where: 'query' | 'path') {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } } },
});

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...(op.query ? parameters(op.query, 'query') : []), ...(op.path_params ? parameters(op.path_params, 'path') : [])];
    const ok = op.ok.status === 204 ? { description: op.ok.description } : { description: op.ok.description, content: { [op.ok.type ?? 'application/json']: {} } };
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        ...(params.length ? { parameters: params } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input' }) } } } } : {}),
        ...(op.open ? { security: [] } : {}),
        responses: {
          [op.ok.status]: ok,
          400: errorResponse('malformed parameters: the reason names each one'),
          ...(op.open ? {} : { 401: errorResponse('no or unknown credentials; the body has login: true, and oidc: true when sign-in through OIDC (GET /auth/login) is offered'), 403: errorResponse('an account owner asked for another account') }),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rampart dashboard API', version: '1', description: 'Read-only views of findings and compliance. Lists in query parameters are comma-separated; unknown or repeated parameters are refused with 400.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'rampart_session' } } },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
