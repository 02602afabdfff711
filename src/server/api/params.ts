import { z } from 'zod';
import { isAccountId, isRegionName } from '../../aws/partition.ts';
import { SEVERITIES, STATUSES } from '../../findings/model.ts';
import { GROUP_BY, SORTS, type ExplorerFilter } from '../../store/explorer.ts';

/** A comma-separated list of values each checked by `item`; repeated values collapse. */
function list<T extends z.ZodType<unknown, string>>(item: T, what: string) {
  return z
    .string()
    .transform((v) => [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(item).min(1, `${what}: give at least one value`).max(200, `${what}: at most 200 values`))
    .meta({ description: `${what}, comma-separated` });
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day like 2026-12-01')
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'not a calendar day');

const accountId = z.string().refine(isAccountId, { error: (iss) => `'${String(iss.input)}' is not an account id (12 digits)` });
const region = z.string().refine((r) => r === 'global' || isRegionName(r), { error: (iss) => `unknown region '${String(iss.input)}'` });
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const token = z.string().max(512).regex(/^[^\u0000-\u001f]*$/, 'control characters are not allowed');
const caseless = <T extends readonly [string, ...string[]]>(values: T, fold: (s: string) => string) =>
  z.string().transform(fold).pipe(z.enum(values, { error: (iss) => `unknown value '${String(iss.input)}'; known: ${values.join(', ')}` }));

export const frameworkQuery = z.object({ framework: token.optional().meta({ description: 'framework id, e.g. cis-aws-3.0.0 (default: the first in force)' }) }).strict();

export const overviewQuery = frameworkQuery
  .extend({ days: z.enum(['7', '30', '90']).default('30').transform(Number).meta({ description: 'trend length in days' }) })
  .strict();

export const cellQuery = z
  .object({
    account: accountId.meta({ description: 'account id' }),
    control: token.min(1).meta({ description: 'control id, e.g. cis-aws-3.0.0/1.4 or securityhub/IAM.6' }),
  })
  .strict();

const filterFields = {
    source: list(token.regex(/^[a-z0-9-]+$/i, 'a source is letters, digits and dashes').transform((s) => s.toLowerCase()), 'sources').optional(),
    severity: list(caseless(SEVERITIES, (s) => s.toLowerCase()), 'severities').optional(),
    status: list(caseless(STATUSES, (s) => s.toUpperCase()), 'statuses (default FAIL)').optional(),
    state: z.enum(['open', 'resolved', 'all']).default('open').meta({ description: 'open (default), resolved, or all' }),
    account: list(accountId, 'account ids').optional(),
    ou: list(token.min(1), 'OU paths, e.g. Root/Workloads').optional(),
    region: list(region, 'regions (or global)').optional(),
    control: list(token.min(1), 'controls or check ids').optional(),
    resourceType: list(token.min(1), 'resource types').optional(),
    type: list(token.min(1), 'finding types').optional(),
    firstSeenFrom: day.optional().meta({ description: 'first seen on or after this day' }),
    firstSeenTo: day.optional().meta({ description: 'first seen on or before this day' }),
    q: token.max(200).optional().meta({ description: 'free text: title, resource, reason, check, account name' }),
};

const pageFields = {
  sort: z.enum(SORTS).default('severity'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int('limit must be a whole number').min(1).max(500).default(50),
  offset: z.coerce.number().int('offset must be a whole number').min(0).max(10_000_000).default(0),
};

const inOrder = (f: { firstSeenFrom?: string | undefined; firstSeenTo?: string | undefined }) => !f.firstSeenFrom || !f.firstSeenTo || f.firstSeenFrom <= f.firstSeenTo;
const outOfOrder = { error: 'firstSeenFrom is after firstSeenTo', path: ['firstSeenFrom'] };

export const filterQuery = z.object(filterFields).strict().refine(inOrder, outOfOrder);
export const findingsQuery = z.object({ ...filterFields, ...pageFields }).strict().refine(inOrder, outOfOrder);
export const groupsQuery = z.object({ ...filterFields, groupBy: z.enum(GROUP_BY) }).strict().refine(inOrder, outOfOrder);

export const accountParam = z.object({ id: accountId }).strict();

export const loginBody = z.object({ token: z.string().min(1, 'token is empty').max(1024) }).strict();

/** The store's filter from parsed query fields (undefined ones dropped, as the store's optional fields require). */
export function explorerFilter(q: z.output<typeof filterQuery>, accountScope: readonly string[] | undefined): ExplorerFilter {
  // What needs attention unless asked otherwise: open findings that fail.
  const f: ExplorerFilter = { state: q.state, status: q.status ?? ['FAIL'] };
  if (accountScope) f.accountScope = accountScope;
  for (const key of ['source', 'severity', 'account', 'ou', 'region', 'control', 'resourceType', 'type', 'firstSeenFrom', 'firstSeenTo', 'q'] as const) {
    if (q[key] !== undefined) (f as Record<string, unknown>)[key] = q[key];
  }
  return f;
}

/** One line naming each bad parameter, for a 400. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const key = i.path.length ? String(i.path[0]) : '';
      if (i.code === 'unrecognized_keys') return `unknown parameter ${i.keys.map((k) => `'${k}'`).join(', ')}`;
      return key ? `${key}: ${i.message}` : i.message;
    })
    .join('; ');
}
