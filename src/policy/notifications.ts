import { z } from 'zod';
import { isRegionName } from '../aws/partition.ts';
import { GLOBAL_REGION, SEVERITIES } from '../findings/model.ts';
import { accountIdKeySchema, slackMentionSchema } from './owners-file.ts';

/**
 * The `notifications:` section of rampart.yaml. Keys are snake_case; every issue carries the path
 * of the offending key so that the policy loader can point at file:line.
 */

const PLAIN_SECRET =
  'secrets may not be written into the policy file (it is committed and read by many): use { env: VARIABLE } or { secret: key } from secrets_file';

/** A secret is named, never written: an environment variable or a key of the secrets file. */
export const secretRefSchema = z
  .object(
    {
      env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name is letters, digits and _').optional(),
      secret: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a secrets_file key is letters, digits, _, . and -').optional(),
    },
    {
      error: (iss) =>
        iss.code === 'invalid_type'
          ? typeof iss.input === 'string' || typeof iss.input === 'number'
            ? PLAIN_SECRET
            : 'expected { env: VARIABLE } or { secret: key }'
          : undefined,
    },
  )
  .strict()
  .refine((r) => (r.env === undefined) !== (r.secret === undefined), 'give exactly one of env or secret')
  .transform((r): SecretRef => (r.env !== undefined ? { env: r.env } : { secret: r.secret ?? '' }));

export type SecretRef = { env: string } | { secret: string };

/** Lower-case in the file, but Security Hub's upper-case labels (CRITICAL) are accepted too. */
export const severitySchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.toLowerCase() : v),
  z.enum(SEVERITIES, { error: (iss) => `unknown severity '${String(iss.input)}'; known: ${SEVERITIES.join(', ')}` }),
);

const regionSchema = z
  .string()
  .refine((r) => r === GLOBAL_REGION || isRegionName(r), { error: (iss) => `unknown region '${String(iss.input)}': expected names like us-east-1, or global` });

/** Route and channel names end up in the store and in messages: keep them plain. */
const nameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a name is letters, digits, _, . and - (at most 64, starting with a letter or digit)');

const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
/** OU names from the root, as Organizations shows them: `Root/Workloads/Prod`. */
const OU_PATH = /^Root(\/[^/]+)*$/;

export const ouSchema = z.string().refine((s) => OU_ID.test(s) || OU_PATH.test(s), {
  error: (iss) =>
    `'${String(iss.input)}' is neither an OU id (ou-ab12-cdef3456) nor an OU path from the root (Root/Workloads/Prod)`,
});

function nonEmpty<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).min(1, `an empty list of ${what} matches nothing: leave the key out to match every one`);
}

const slackChannelSchema = z
  .object({ type: z.literal('slack'), webhook_url: secretRefSchema })
  .strict();

const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS. */
    secure: z.boolean().default(false),
    /** Refuse to send (and to send a password) when the server does not offer STARTTLS. */
    require_tls: z.boolean().default(true),
    username: z.string().min(1).optional(),
    password: secretRefSchema.optional(),
  })
  .strict()
  .refine((s) => (s.username === undefined) === (s.password === undefined), {
    message: 'give username and password together, or neither',
    path: ['password'],
  });

const emailChannelSchema = z
  .object({
    type: z.literal('email'),
    from: z.email({ error: 'not an email address' }),
    to: nonEmpty(z.email({ error: 'not an email address' }), 'recipients'),
    smtp: smtpSchema,
  })
  .strict();

const webhookChannelSchema = z
  .object({
    type: z.literal('webhook'),
    url: secretRefSchema,
    /** Header values are secrets too: they usually carry the receiver's token. */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'not an HTTP header name'), secretRefSchema).default({}),
  })
  .strict();

const CHANNEL_TYPES = ['slack', 'email', 'webhook'] as const;

export const channelSchema = z.discriminatedUnion('type', [slackChannelSchema, emailChannelSchema, webhookChannelSchema], {
  error: (iss) => {
    if (iss.code !== 'invalid_union') return undefined;
    const type = (iss.input as { type?: unknown } | undefined)?.type;
    return type === undefined
      ? `a channel needs a type: ${CHANNEL_TYPES.join(', ')}`
      : `unknown channel type '${String(type)}'; known: ${CHANNEL_TYPES.join(', ')}`;
  },
});

export const routeSchema = z
  .object({
    name: nameSchema,
    /** Matched against the finding's source and its producing product (`inspector` via Security Hub). */
    sources: nonEmpty(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a source is lower-case, e.g. guardduty, securityhub, inspector, rampart'), 'sources').optional(),
    min_severity: severitySchema,
    /** A lower (or higher) bar in some regions, e.g. everything medium+ in a region that holds payments. */
    region_min_severity: z
      .record(regionSchema, severitySchema, {
        error: (iss) =>
          iss.code === 'invalid_key' ? `unknown region '${String(iss.input)}': expected names like us-east-1, or global` : undefined,
      })
      .optional(),
    /** Globs (`*`, `?`) on the finding type or the check/control id. */
    types: nonEmpty(z.string().min(1), 'types').optional(),
    accounts: nonEmpty(
      z.string({ error: 'quote account ids in YAML: unquoted ones are numbers and lose leading zeros' }).pipe(accountIdKeySchema),
      'accounts',
    ).optional(),
    ous: nonEmpty(ouSchema, 'OUs').optional(),
    regions: nonEmpty(regionSchema, 'regions').optional(),
    channels: nonEmpty(nameSchema, 'channels'),
    mention: z.object({ team: slackMentionSchema }).strict().optional(),
  })
  .strict()
  .superRefine((route, ctx) => {
    if (!route.regions || !route.region_min_severity) return;
    for (const region of Object.keys(route.region_min_severity)) {
      if (!route.regions.includes(region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['region_min_severity', region],
          message: `${region} has a minimum severity but is not in this route's regions, so it never matches`,
        });
      }
    }
  });

export const notificationsSchema = z
  .object({
    /** YAML of `key: value`, relative to the policy file; for `{ secret: key }` references. */
    secrets_file: z.string().min(1).optional(),
    /**
     * How far back each run looks for findings that became failing or were updated upstream, so
     * that a new route does not page for old findings. Runs further apart than this miss findings.
     */
    lookback_hours: z.number().int().min(1).max(24 * 90).default(24),
    /** More than max_findings for one route and channel within window_minutes go out as one summary. */
    grouping: z
      .object({
        max_findings: z.number().int().min(1).default(10),
        window_minutes: z.number().int().min(1).max(24 * 60).default(15),
      })
      .strict()
      .default({ max_findings: 10, window_minutes: 15 }),
    channels: z.record(nameSchema, channelSchema, {
      error: (iss) => (iss.code === 'invalid_key' ? `channel name '${String(iss.input)}': a name is letters, digits, _, . and -` : undefined),
    }),
    routes: z.array(routeSchema),
  })
  .strict()
  .superRefine((config, ctx) => {
    const defined = Object.keys(config.channels);
    const seen = new Set<string>();
    config.routes.forEach((route, i) => {
      if (seen.has(route.name)) ctx.addIssue({ code: 'custom', path: ['routes', i, 'name'], message: `route name '${route.name}' is used twice` });
      seen.add(route.name);
      route.channels.forEach((channel, j) => {
        if (!defined.includes(channel)) {
          ctx.addIssue({
            code: 'custom',
            path: ['routes', i, 'channels', j],
            message: `unknown channel '${channel}'; defined: ${defined.join(', ') || '(none)'}`,
          });
        }
      });
    });
  });

export type NotificationsConfig = z.output<typeof notificationsSchema>;
export type Route = z.output<typeof routeSchema>;
export type ChannelConfig = z.output<typeof channelSchema>;
export type SlackChannelConfig = z.output<typeof slackChannelSchema>;
export type EmailChannelConfig = z.output<typeof emailChannelSchema>;
export type WebhookChannelConfig = z.output<typeof webhookChannelSchema>;
