import { Cron } from 'croner';
import { z } from 'zod';
import { isRegionName } from '../aws/partition.ts';
import { DEFAULT_FRAMEWORK, FRAMEWORKS, frameworkById } from '../frameworks/index.ts';
import { notificationsSchema, ouSchema } from './notifications.ts';
import { accountIdKeySchema, ownersSchema } from './owners-file.ts';

// The whole of rampart.yaml. Keys are snake_case; every issue carries the path of the offending key
// so the loader can point at file:line. The JSON Schema published for editors is generated from this.

/**
 * A control: a requirement of a Rampart framework (`cis-aws-3.0.0/1.4`) or a Security Hub control
 * (`securityhub/IAM.6`), whose findings Security Hub imports carry.
 */
export const SECURITY_HUB = 'securityhub';
const SECURITY_HUB_CONTROL = /^[A-Za-z][A-Za-z0-9]*\.\d+$/;

export function controlProblem(ref: string): string | undefined {
  const slash = ref.indexOf('/');
  if (slash < 0) return `'${ref}' is not a control: write <framework>/<requirement> (cis-aws-3.0.0/1.4) or securityhub/<control> (securityhub/IAM.6)`;
  const owner = ref.slice(0, slash);
  const id = ref.slice(slash + 1);
  if (owner === SECURITY_HUB) return SECURITY_HUB_CONTROL.test(id) ? undefined : `'${id}' is not a Security Hub control id (like IAM.6)`;
  const framework = frameworkById(owner);
  if (!framework) return `unknown framework '${owner}' in control '${ref}'; known: ${[...FRAMEWORKS.map((f) => f.id), SECURITY_HUB].join(', ')}`;
  if (!framework.requirements.some((r) => r.id === id)) return `unknown control '${ref}': ${owner} has no requirement ${id}`;
  return undefined;
}

export const controlSchema = z.string().superRefine((ref, ctx) => {
  const problem = controlProblem(ref);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const regionSchema = z.string().refine(isRegionName, { error: (iss) => `unknown region '${String(iss.input)}': expected names like us-east-1` });

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day, `2026-12-31`. YAML may read an unquoted date as a date; both are accepted. */
export const daySchema = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string({ error: 'expected a date like 2026-12-31' }).refine((s) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: (iss) => `'${String(iss.input)}' is not a date like 2026-12-31`,
  }),
);

const text = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} may not be empty`);

/**
 * Where a control must pass: `all` enabled regions, `any` one region (a multi-region trail),
 * `home` the home regions only, or the listed regions. Findings about global resources count in
 * every scope.
 */
export const scopeSchema = z.union([z.enum(['all', 'any', 'home']), z.array(regionSchema).min(1, 'list at least one region')], {
  error: () => "a region scope is all, any, home, or a list of regions",
});
export type RegionScope = z.output<typeof scopeSchema>;

const disabledSchema = z
  .object({ control: controlSchema, reason: text('reason'), date: daySchema })
  .strict();

const exceptionSchema = z
  .object({
    control: controlSchema,
    accounts: z.array(z.string({ error: 'quote account ids in YAML: unquoted ones are numbers and lose leading zeros' }).pipe(accountIdKeySchema)).min(1).optional(),
    ous: z.array(ouSchema).min(1).optional(),
    all: z.literal(true).optional(),
    /** Glob (`*`, `?`) on the resource id or ARN. */
    resource: z.string().min(1).optional(),
    regions: z.array(z.union([regionSchema, z.literal('global')])).min(1).optional(),
    reason: text('reason'),
    approver: z.email({ error: 'approver must be an email address' }),
    approved: daySchema,
    expires: daySchema,
  })
  .strict()
  .superRefine(
    (e, ctx) => {
      const targets = [e.accounts, e.ous, e.all].filter((t) => t !== undefined).length;
      if (targets !== 1) ctx.addIssue({ code: 'custom', message: 'an exception applies to exactly one of accounts, ous or all: true' });
      if (typeof e.expires === 'string' && typeof e.approved === 'string' && DAY.test(e.expires) && DAY.test(e.approved) && e.expires <= e.approved) {
        ctx.addIssue({ code: 'custom', path: ['expires'], message: `expires ${e.expires} is not after approved ${e.approved}: the exception would be expired when created` });
      }
    },
    // Said alongside the other problems of the entry, not only once they are fixed.
    { when: () => true },
  );
export type PolicyException = z.output<typeof exceptionSchema>;

/** Organizations tag names that carry owners, for accounts the file does not list. */
const ownerTagsSchema = z
  .object({
    owner_email: z.string().min(1).optional(),
    owner_slack: z.string().min(1).optional(),
    manager_email: z.string().min(1).optional(),
    manager_slack: z.string().min(1).optional(),
  })
  .strict();

const policyOwnersSchema = ownersSchema.safeExtend({ tags: ownerTagsSchema.optional() });

const AUDIENCES = ['owners', 'manager', 'security_team'] as const;
const tierSchema = z
  .object({
    days: z.number().int().min(1, 'a tier starts after at least 1 day'),
    notify: z.array(z.enum(AUDIENCES, { error: `notify whom: ${AUDIENCES.join(', ')}` })).min(1),
  })
  .strict();

export const DEFAULT_TIERS = [
  { days: 7, notify: ['owners' as const] },
  { days: 21, notify: ['owners' as const, 'manager' as const] },
];

const channelRef = z.string().min(1);

const escalationSchema = z
  .object({
    tiers: z.array(tierSchema).min(1).default(DEFAULT_TIERS),
    /** An email channel of notifications: its SMTP server and sender, with the owners as recipients. */
    email_channel: channelRef.optional(),
    /** A Slack channel of notifications, where owners are mentioned. */
    slack_channel: channelRef.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    e.tiers.forEach((t, i) => {
      if (i > 0 && t.days <= e.tiers[i - 1]!.days) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'days'], message: 'tiers must start on increasing days' });
    });
  });

const digestSchema = z
  .object({
    email_channel: channelRef.optional(),
    slack_channel: channelRef.optional(),
    /** `rampart digest --to <name>`. */
    recipients: z
      .record(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/),
        z.object({ email: z.array(z.email({ error: 'not an email address' })).min(1).optional(), slack_channel: channelRef.optional() }).strict(),
      )
      .default({}),
    worst_accounts: z.number().int().min(1).max(100).default(10),
  })
  .strict();

export const JOBS = ['scan', 'import-securityhub', 'import-guardduty', 'compliance', 'escalate', 'digest', 'notify', 'export-securityhub'] as const;
export type JobName = (typeof JOBS)[number];

const cronSchema = z.string().superRefine((expr, ctx) => {
  try {
    new Cron(expr, { paused: true });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a cron expression: ${(err as Error).message}` });
  }
});

const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: (iss) => `unknown time zone '${String(iss.input)}' (an IANA name like Europe/Berlin)` },
);

const schedulesSchema = z
  .object({
    timezone: timezoneSchema.default('UTC'),
    jobs: z.partialRecord(z.enum(JOBS), z.object({ cron: cronSchema, args: z.array(z.string()).default([]) }).strict(), {
      // The record reports unknown keys (its type says only key and type issues, so the code is read as data).
      error: (iss) => {
        const keys = (iss as { code: string; keys?: string[] }).keys;
        return (iss as { code: string }).code === 'unrecognized_keys' && keys ? `unknown job '${keys.join("', '")}'; known: ${JOBS.join(', ')}` : undefined;
      },
    }),
  })
  .strict();

export const policySchema = z
  .object({
    version: z.literal(1).optional(),
    frameworks: z
      .array(z.enum(FRAMEWORKS.map((f) => f.id) as [string, ...string[]], { error: (iss) => `unknown framework '${String(iss.input)}'; known: ${FRAMEWORKS.map((f) => f.id).join(', ')}` }))
      .min(1)
      .default([DEFAULT_FRAMEWORK]),
    home_regions: z.array(regionSchema).min(1).default(['us-east-1']),
    controls: z
      .object({
        disabled: z.array(disabledSchema).default([]),
        scope: z
          .record(controlSchema, scopeSchema, { error: (iss) => (iss.code === 'invalid_key' ? controlProblem(String(iss.input)) : undefined) })
          .default({}),
      })
      .strict()
      .default({ disabled: [], scope: {} }),
    exceptions: z.array(exceptionSchema).default([]),
    owners: policyOwnersSchema.optional(),
    escalation: escalationSchema.default({ tiers: DEFAULT_TIERS }),
    digest: digestSchema.optional(),
    schedules: schedulesSchema.optional(),
    notifications: notificationsSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const channels = p.notifications?.channels ?? {};
    const check = (name: string | undefined, type: 'email' | 'slack', path: (string | number)[]) => {
      if (name === undefined) return;
      const channel = channels[name];
      if (!channel) ctx.addIssue({ code: 'custom', path, message: `unknown channel '${name}'; define it under notifications.channels` });
      else if (channel.type !== type) ctx.addIssue({ code: 'custom', path, message: `channel '${name}' is a ${channel.type} channel, not ${type}` });
    };
    check(p.escalation.email_channel, 'email', ['escalation', 'email_channel']);
    check(p.escalation.slack_channel, 'slack', ['escalation', 'slack_channel']);
    check(p.digest?.email_channel, 'email', ['digest', 'email_channel']);
    check(p.digest?.slack_channel, 'slack', ['digest', 'slack_channel']);
    for (const [name, r] of Object.entries(p.digest?.recipients ?? {})) check(r.slack_channel, 'slack', ['digest', 'recipients', name, 'slack_channel']);
    p.controls.disabled.forEach((d, i) => {
      if (!p.frameworks.includes(d.control.split('/')[0]!) && !d.control.startsWith(`${SECURITY_HUB}/`)) {
        ctx.addIssue({ code: 'custom', path: ['controls', 'disabled', i, 'control'], message: `${d.control} is not in a framework in force (${p.frameworks.join(', ')})` });
      }
    });
  });

export type PolicyConfig = z.output<typeof policySchema>;
