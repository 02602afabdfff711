import { globPattern, inOu, type OuAccount } from '../policy/match.ts';
import type { PolicyException } from '../policy/schema.ts';

/** A failing result an exception might cover. */
export interface Failure {
  accountId: string;
  control: string;
  resourceId: string;
  region: string;
}

export type ExceptionVerdict = { covered: number } | { expired: { index: number; expires: string } } | undefined;

/**
 * Which exception covers a failure on `day`: one in force (approved on or before the day, expiring
 * after it; on its expiry day it no longer applies), else one that expired, so the report can say so.
 */
export class ExceptionMatcher {
  private readonly entries: { index: number; e: PolicyException; resource?: RegExp }[];
  private readonly accounts: ReadonlyMap<string, OuAccount>;
  private readonly day: string;

  constructor(exceptions: readonly PolicyException[], accounts: ReadonlyMap<string, OuAccount>, day: string) {
    this.entries = exceptions.map((e, index) => ({ index, e, ...(e.resource ? { resource: globPattern(e.resource) } : {}) }));
    this.accounts = accounts;
    this.day = day;
  }

  private applies(x: { e: PolicyException; resource?: RegExp }, f: Failure): boolean {
    const e = x.e;
    if (e.control !== f.control) return false;
    if (e.accounts && !e.accounts.includes(f.accountId)) return false;
    if (e.ous && !inOu(e.ous, this.accounts.get(f.accountId))) return false;
    if (x.resource && !x.resource.test(f.resourceId)) return false;
    if (e.regions && !e.regions.includes(f.region)) return false;
    return e.approved <= this.day;
  }

  verdict(f: Failure): ExceptionVerdict {
    let expired: ExceptionVerdict;
    for (const x of this.entries) {
      if (!this.applies(x, f)) continue;
      if (this.day < x.e.expires) return { covered: x.index };
      expired ??= { expired: { index: x.index, expires: x.e.expires } };
    }
    return expired;
  }
}

/** Exceptions expiring within `days` after `day` (for the digest): still in force, soon not. */
export function expiringWithin(exceptions: readonly PolicyException[], day: string, until: string): { index: number; exception: PolicyException }[] {
  return exceptions.flatMap((exception, index) => (exception.expires > day && exception.expires <= until ? [{ index, exception }] : []));
}
