import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isAccountId } from '../aws/partition.ts';
import { describeIssues, PolicyFileError, readYamlFile } from '../policy/read-yaml.ts';
import { MIN_API_KEY_LENGTH } from './api-key.ts';

export const ROLES = ['admin', 'viewer', 'account-owner'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request acts as; `accounts` limits an account owner to their accounts (null: all). */
export interface Principal {
  user: string;
  role: Role;
  accounts: string[] | null;
}

/**
 * A dashboard user, who signs in with a token (only its SHA-256 is kept, so the users file holds no
 * secret), through OIDC with their email address, or either.
 */
export interface DashboardUser extends Principal {
  tokenSha256?: string;
  /** Lowercase: addresses are compared without regard to case, as providers differ in how they spell them. */
  email?: string;
}

/** What an OIDC sign-in with an email no user has gets: read-only access, or (the default) nothing. */
export const DEFAULT_ROLES = ['viewer', 'none'] as const;
export type DefaultRole = (typeof DEFAULT_ROLES)[number];

const userSchema = z
  .object({
    name: z.string().min(1).max(100).regex(/^[^\s.][^\s]*$/, 'a user name has no spaces and does not start with a dot'),
    token_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the token, 64 lowercase hex digits (printf %s "$TOKEN" | sha256sum)').optional(),
    email: z.email({ error: (iss) => `'${String(iss.input)}' is not an email address` }).max(254).optional(),
    role: z.enum(ROLES, { error: (iss) => `unknown role '${String(iss.input)}'; known: ${ROLES.join(', ')}` }),
    accounts: z.array(z.string().refine(isAccountId, { error: (iss) => `'${String(iss.input)}' is not a 12-digit account id (quote it in YAML)` })).min(1).optional(),
  })
  .strict()
  .refine((u) => u.token_sha256 !== undefined || u.email !== undefined, { error: 'a user needs token_sha256: (token sign-in) or email: (OIDC sign-in), or both' })
  .refine((u) => u.role !== 'account-owner' || u.accounts !== undefined, { error: 'an account-owner needs accounts: (the accounts they may see)', path: ['accounts'] })
  .refine((u) => u.role === 'account-owner' || u.accounts === undefined, { error: 'accounts: applies to account-owner only (admin and viewer see every account)', path: ['accounts'] });

/** The user RAMPART_API_TOKEN signs in as. */
const ENV_ADMIN = 'api-token';

const usersSchema = z
  .array(userSchema)
  .min(1, 'the users file lists no users')
  .superRefine((users, ctx) => {
    const seen = new Set<string>();
    const emails = new Set<string>();
    const tokens = new Set<string>();
    users.forEach((u, i) => {
      if (seen.has(u.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `user '${u.name}' is listed twice` });
      if (u.name === ENV_ADMIN) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `'${ENV_ADMIN}' is the name of the RAMPART_API_TOKEN user; choose another` });
      seen.add(u.name);
      // One token, one user: otherwise who it signs in as would depend on the order of the file.
      if (u.token_sha256 !== undefined && tokens.has(u.token_sha256)) ctx.addIssue({ code: 'custom', path: [i, 'token_sha256'], message: 'this token belongs to another user too' });
      if (u.token_sha256 !== undefined) tokens.add(u.token_sha256);
      const email = u.email?.toLowerCase();
      if (email !== undefined && emails.has(email)) ctx.addIssue({ code: 'custom', path: [i, 'email'], message: `email '${email}' belongs to two users` });
      if (email !== undefined) emails.add(email);
    });
  });

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The users file of `rampart serve --users`: a YAML list of `{ name, token_sha256, email, role, accounts }`. */
export async function loadUsers(path: string): Promise<DashboardUser[]> {
  const file = await readYamlFile(path);
  const result = usersSchema.safeParse(file.data ?? []);
  if (!result.success) {
    const problems = describeIssues(file, result.error.issues);
    throw new PolicyFileError(`${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
  return result.data.map((u) => ({
    user: u.name,
    role: u.role,
    accounts: u.accounts ?? null,
    ...(u.token_sha256 !== undefined ? { tokenSha256: u.token_sha256 } : {}),
    ...(u.email !== undefined ? { email: u.email.toLowerCase() } : {}),
  }));
}

/**
 * Who an OIDC sign-in with this (verified) email acts as: the user listed with it, else, if the
 * default role allows, a viewer named by the address. Looked up on every request, so editing the
 * users file and restarting changes or ends existing sessions.
 */
export function principalForEmail(users: readonly DashboardUser[], email: string, defaultRole: DefaultRole): Principal | undefined {
  const address = email.toLowerCase();
  const user = users.find((u) => u.email === address);
  if (user) return { user: user.user, role: user.role, accounts: user.accounts };
  return defaultRole === 'viewer' ? { user: address, role: 'viewer', accounts: null } : undefined;
}

/** `RAMPART_API_TOKEN`: one admin token for a single operator or automation. */
export function envAdmin(token: string | undefined): DashboardUser | undefined {
  if (!token) return undefined;
  if (token.length < MIN_API_KEY_LENGTH) throw new PolicyFileError(`RAMPART_API_TOKEN is shorter than ${MIN_API_KEY_LENGTH} characters`);
  return { user: ENV_ADMIN, role: 'admin', accounts: null, tokenSha256: sha256Hex(token) };
}
