import type {
  AccountInventory,
  Collected,
  GlobalDatasets,
  RegionalDatasets,
} from '../../src/collect/inventory.ts';
import { evaluateAccount, type EvaluatedResult } from '../../src/checks/evaluate.ts';
import { DEFAULT_CHECK_OPTIONS, type Check, type CheckOptions } from '../../src/checks/types.ts';

export function ok<T>(data: T): Collected<T> {
  return { ok: true, data };
}

export function failed<T = never>(code: string, message = `${code} (test)`): Collected<T> {
  return { ok: false, error: { code, message } };
}

type Wrapped<D> = { [K in keyof D]?: Collected<D[K]> };

export interface AccountSpec {
  accountId?: string;
  regions?: string[];
  global?: Wrapped<GlobalDatasets>;
  regional?: Record<string, Wrapped<RegionalDatasets>>;
  accessError?: { code: string; message: string };
}

export function accountInventory(spec: AccountSpec): AccountInventory {
  const regions = spec.regions ?? Object.keys(spec.regional ?? {});
  return {
    accountId: spec.accountId ?? '111111111111',
    regions: regions.length ? regions : ['us-east-1'],
    skippedRegions: [],
    global: spec.global ?? {},
    regional: spec.regional ?? {},
    ...(spec.accessError ? { accessError: spec.accessError } : {}),
  };
}

export const TEST_NOW = new Date('2026-11-20T12:00:00Z');

/** Runs one check through the real evaluation engine (ERROR handling included). */
export function runCheck(
  check: Check,
  spec: AccountSpec,
  opts: { now?: Date; options?: Partial<CheckOptions> } = {},
): EvaluatedResult[] {
  return evaluateAccount(
    [check],
    accountInventory(spec),
    'aws',
    opts.now ?? TEST_NOW,
    { ...DEFAULT_CHECK_OPTIONS, ...opts.options },
  );
}
