import { z } from 'zod';
import { isAccountId } from '../aws/partition.ts';
import type { AccountOwners, Contact, OwnerDirectory } from './owners.ts';

/**
 * What an incoming webhook turns into a notification: a user (`<@U…>`), a user group
 * (`<!subteam^S…>`) or `<!here>`/`<!channel>`. A bare `@alice` is shown as text and notifies nobody.
 */
const SLACK_MENTION = /^<(@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!here|!channel)>$/;

export const slackMentionSchema = z
  .string()
  .regex(SLACK_MENTION, 'a Slack mention is <@U…> for a person or <!subteam^S…> for a user group (a bare @name notifies nobody)');

export const contactSchema = z
  .object({
    name: z.string().min(1).optional(),
    email: z.email({ error: 'not an email address' }).optional(),
    slack: slackMentionSchema.optional(),
  })
  .strict()
  .refine((c) => c.email !== undefined || c.slack !== undefined, 'a contact needs an email or a slack mention');

/**
 * An account id written as a map key. YAML reads unquoted digits as a number, dropping leading zeros,
 * so the message says to quote them.
 */
function accountIdMessage(input: unknown): string {
  return `'${String(input)}' is not a 12-digit account id (quote account ids in YAML: unquoted ones are numbers and lose leading zeros)`;
}

export const accountIdKeySchema = z.string().refine(isAccountId, { error: (iss) => accountIdMessage(iss.input) });

/** The `owners:` section of rampart.yaml, until owners also come from Organizations account tags. */
export const ownersSchema = z
  .object({
    accounts: z
      .record(
        accountIdKeySchema,
        z
          .object({ owners: z.array(contactSchema).default([]), manager: contactSchema.optional() })
          .strict(),
        { error: (iss) => (iss.code === 'invalid_key' ? accountIdMessage(iss.input) : undefined) },
      )
      .default({}),
    security_team: contactSchema.optional(),
  })
  .strict();

export type OwnersConfig = z.output<typeof ownersSchema>;

function contact(c: z.output<typeof contactSchema>): Contact {
  return { ...(c.name ? { name: c.name } : {}), ...(c.email ? { email: c.email } : {}), ...(c.slack ? { slack: c.slack } : {}) };
}

export function ownerDirectory(config: OwnersConfig | undefined): OwnerDirectory {
  const accounts = new Map<string, AccountOwners>();
  for (const [id, entry] of Object.entries(config?.accounts ?? {})) {
    accounts.set(id, { owners: entry.owners.map(contact), ...(entry.manager ? { manager: contact(entry.manager) } : {}) });
  }
  return {
    forAccount: (accountId) => accounts.get(accountId),
    securityTeam: config?.security_team ? contact(config.security_team) : undefined,
  };
}
