import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StoredAccount } from '../store/types.ts';
import type { NotificationsConfig } from './notifications.ts';
import { ownerDirectory } from './owners-file.ts';
import type { AccountOwners, Contact, OwnerDirectory } from './owners.ts';
import { PolicyFileError, describeIssues, readYamlFile, type YamlFile } from './read-yaml.ts';
import { policySchema, type PolicyConfig } from './schema.ts';

export const DEFAULT_POLICY_FILE = 'rampart.yaml';

export interface Policy {
  /** The file it came from; undefined for the defaults used when there is none. */
  path?: string;
  config: PolicyConfig;
  /** Absolute path of the secrets file the notifications name, if any. */
  secretsFile?: string;
}

/** Every problem of the file, one line each (`file:line:col: key: message`); empty when it is valid. */
export function policyProblems(file: YamlFile): string[] {
  const data = file.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return [`${file.where([])}: the policy file must be a map of sections (frameworks:, exceptions:, notifications:, ...)`];
  }
  const result = policySchema.safeParse(data);
  return result.success ? [] : describeIssues(file, result.error.issues);
}

function fromFile(file: YamlFile): Policy {
  const problems = policyProblems(file);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; rampart policy check lists them)` : '';
    throw new PolicyFileError(`${problems[0]}${more}`);
  }
  const config = policySchema.parse(file.data ?? {});
  const secrets = config.notifications?.secrets_file;
  return { path: file.path, config, ...(secrets !== undefined ? { secretsFile: resolve(dirname(file.path), secrets) } : {}) };
}

/**
 * The policy in `path`, validated as a whole before anything uses it. Without a path, `rampart.yaml`
 * in the working directory if there is one, else the defaults (CIS v3.0.0, every region, no
 * exceptions, tiers at 7 and 21 days).
 */
export async function loadPolicy(path: string | undefined): Promise<Policy> {
  if (path === undefined && !existsSync(DEFAULT_POLICY_FILE)) return { config: policySchema.parse({}) };
  return fromFile(await readYamlFile(path ?? DEFAULT_POLICY_FILE));
}

/** The notifications of a policy; a command that sends alerts cannot run without them. */
export function requireNotifications(policy: Policy): NotificationsConfig {
  const n = policy.config.notifications;
  if (!n) throw new PolicyFileError(`${policy.path ?? DEFAULT_POLICY_FILE} has no notifications: section`);
  return n;
}

/**
 * Owners from the policy file, else from the account's Organizations tags named in `owners.tags`
 * (a tag may list several addresses or mentions, separated by spaces or commas).
 */
export function owners(policy: Policy, accounts: readonly StoredAccount[]): OwnerDirectory {
  const fromFile = ownerDirectory(policy.config.owners);
  const tags = policy.config.owners?.tags;
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const split = (v: string | undefined) => (v ?? '').split(/[\s,;]+/).filter(Boolean);
  const fromTags = (accountId: string): AccountOwners | undefined => {
    const t = byId.get(accountId)?.tags;
    if (!tags || !t) return undefined;
    const emails = split(tags.owner_email ? t[tags.owner_email] : undefined);
    const slacks = split(tags.owner_slack ? t[tags.owner_slack] : undefined);
    const ownersList: Contact[] = [...emails.map((email) => ({ email })), ...slacks.map((slack) => ({ slack }))];
    const managerEmail = split(tags.manager_email ? t[tags.manager_email] : undefined)[0];
    const managerSlack = split(tags.manager_slack ? t[tags.manager_slack] : undefined)[0];
    const manager: Contact | undefined = managerEmail || managerSlack ? { ...(managerEmail ? { email: managerEmail } : {}), ...(managerSlack ? { slack: managerSlack } : {}) } : undefined;
    if (ownersList.length === 0 && !manager) return undefined;
    return { owners: ownersList, ...(manager ? { manager } : {}) };
  };
  return {
    forAccount: (accountId) => fromFile.forAccount(accountId) ?? fromTags(accountId),
    securityTeam: fromFile.securityTeam,
  };
}
