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

/** A dashboard user: only the SHA-256 of their token is kept, so the users file holds no secret. */
export interface DashboardUser extends Principal {
  tokenSha256: string;
}

const userSchema = z
  .object({
    name: z.string().min(1).max(100).regex(/^[^\s.][^\s]*$/, 'a user name has no spaces and does not start with a dot'),
    token_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the token, 64 lowercase hex digits (printf %s "$TOKEN" | sha256sum)'),
    role: z.enum(ROLES, { error: (iss) => `unknown role '${String(iss.input)}'; known: ${ROLES.join(', ')}` }),
    accounts: z.array(z.string().refine(isAccountId, { error: (iss) => `'${String(iss.input)}' is not a 12-digit account id (quote it in YAML)` })).min(1).optional(),
  })
  .strict()
  .refine((u) => u.role !== 'account-owner' || u.accounts !== undefined, { error: 'an account-owner needs accounts: (the accounts they may see)', path: ['accounts'] })
  .refine((u) => u.role === 'account-owner' || u.accounts === undefined, { error: 'accounts: applies to account-owner only (admin and viewer see every account)', path: ['accounts'] });

const usersSchema = z
  .array(userSchema)
  .min(1, 'the users file lists no users')
  .superRefine((users, ctx) => {
    const seen = new Map<string, number>();
    users.forEach((u, i) => {
      if (seen.has(u.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `user '${u.name}' is listed twice` });
      seen.set(u.name, i);
    });
  });

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The users file of `rampart serve --users`: a YAML list of `{ name, token_sha256, role, accounts }`. */
export async function loadUsers(path: string): Promise<DashboardUser[]> {
  const file = await readYamlFile(path);
  const result = usersSchema.safeParse(file.data ?? []);
  if (!result.success) {
    const problems = describeIssues(file, result.error.issues);
    throw new PolicyFileError(`${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
  return result.data.map((u) => ({ user: u.name, role: u.role, accounts: u.accounts ?? null, tokenSha256: u.token_sha256 }));
}

/** `RAMPART_API_TOKEN`: one admin token for a single operator or automation. */
export function envAdmin(token: string | undefined): DashboardUser | undefined {
  if (!token) return undefined;
  if (token.length < MIN_API_KEY_LENGTH) throw new PolicyFileError(`RAMPART_API_TOKEN is shorter than ${MIN_API_KEY_LENGTH} characters`);
  return { user: 'api-token', role: 'admin', accounts: null, tokenSha256: sha256Hex(token) };
}
