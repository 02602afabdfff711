import type { StoredAccount } from '../store/types.ts';

/** `*` any run of characters, `?` one; everything else literal. The whole string must match. */
export function globPattern(glob: string): RegExp {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

export type OuAccount = Pick<StoredAccount, 'ouId' | 'ouPath'>;

/**
 * An OU id matches the account's own OU; an OU path (`Root/Workloads`) matches that OU and every OU
 * below it. An account whose OU is not known matches none.
 */
export function inOu(ous: readonly string[], account: OuAccount | undefined): boolean {
  if (!account) return false;
  return ous.some((ou) =>
    ou.startsWith('ou-') ? account.ouId === ou : account.ouPath !== undefined && (account.ouPath === ou || account.ouPath.startsWith(`${ou}/`)),
  );
}
