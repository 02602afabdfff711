import { inOu } from '../../policy/match.ts';
import type { PolicyException } from '../../policy/schema.ts';
import { daysBetween } from '../../store/compliance.ts';
import type { StoredAccount } from '../../store/index.ts';
import type { Principal } from '../users.ts';
import { today, type DashboardContext } from './context.ts';

export interface ExceptionView {
  /** Position in the policy's exceptions: list, which compliance rows refer to. */
  index: number;
  scope: string;
  control: string;
  resource: string | null;
  regions: string[] | null;
  reason: string;
  approver: string;
  approved: string;
  expires: string;
  expired: boolean;
  /** Days until it stops applying (negative once expired). */
  daysLeft: number;
  /** Failing results it covered on the last judged day. */
  covered: number;
}

/** Who it applies to; an account owner is told only of the accounts they may see. */
function scopeText(e: PolicyException, visible: ReadonlySet<string> | undefined): string {
  if (e.all) return 'all accounts';
  if (e.ous) return `OU ${e.ous.join(', ')}`;
  const shown = visible ? e.accounts!.filter((a) => visible.has(a)) : e.accounts!;
  const others = e.accounts!.length - shown.length;
  return `account${shown.length > 1 ? 's' : ''} ${shown.join(', ')}${others ? ` and ${others} other${others > 1 ? 's' : ''}` : ''}`;
}

/** Does the exception reach any of these accounts? */
function reaches(e: PolicyException, accounts: readonly StoredAccount[]): boolean {
  if (e.all) return accounts.length > 0;
  if (e.accounts) return accounts.some((a) => e.accounts!.includes(a.id));
  return accounts.some((a) => inOu(e.ous!, a));
}

/**
 * The policy's exceptions as the principal may see them: an account owner sees those that reach
 * their accounts, with what they covered there.
 */
export async function exceptionViews(
  ctx: DashboardContext,
  p: Principal,
  /** What the caller has read already: every account, and the last judged day (undefined: none). */
  known: { accounts: readonly StoredAccount[]; judged: string | undefined },
  onlyAccount?: string,
): Promise<ExceptionView[]> {
  const day = today(ctx.now());
  const all = known.accounts;
  const judged = known.judged;
  const visible = all.filter((a) => (p.accounts === null || p.accounts.includes(a.id)) && (onlyAccount === undefined || a.id === onlyAccount));
  const scoped = p.accounts !== null || onlyAccount !== undefined;
  const covered = judged ? await ctx.store.dashboard.exceptedByException(judged, scoped ? visible.map((a) => a.id) : undefined) : new Map<number, number>();
  return ctx.policy.config.exceptions.flatMap((e, index) => {
    if (scoped && !reaches(e, visible)) return [];
    return [
      {
        index,
        scope: scopeText(e, p.accounts === null ? undefined : new Set(p.accounts)),
        control: e.control,
        resource: e.resource ?? null,
        regions: e.regions ?? null,
        reason: e.reason,
        approver: e.approver,
        approved: e.approved,
        expires: e.expires,
        expired: e.expires <= day,
        daysLeft: daysBetween(day, e.expires),
        covered: covered.get(index) ?? 0,
      },
    ];
  });
}
