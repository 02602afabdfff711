import { GLOBAL_REGION } from '../findings/model.ts';
import type { OuAccount } from '../policy/match.ts';
import { SECURITY_HUB, type PolicyConfig, type RegionScope } from '../policy/schema.ts';
import type { JudgeableFinding } from '../store/compliance.ts';
import { securityHubControl, type ControlInfo } from './controls.ts';
import { ExceptionMatcher } from './exceptions.ts';
import type { ComplianceStatus, DailyDetail, DailyRow } from './types.ts';

/** Failing resources a row names for the report; the count says how many there are in all. */
const RESOURCES_KEPT = 5;

interface RegionTally {
  pass: number;
  fail: number;
  excepted: number;
  error: number;
  /** Failures each exception covered here, by the exception's position in the policy. */
  covered?: Map<number, number>;
}

interface Tally {
  info: ControlInfo;
  accountId: string;
  regions: Map<string, RegionTally>;
  // Made when first needed: most of a large organization's tallies never need them.
  expired?: Map<number, string>;
  errors?: Set<string>;
  resources: string[];
}

export interface JudgeOptions {
  day: string;
  policy: PolicyConfig;
  /** Controls of the frameworks in force (Security Hub controls are added as their findings appear). */
  controls: ReadonlyMap<string, ControlInfo>;
  accounts: ReadonlyMap<string, OuAccount>;
}

function inScope(region: string, scope: RegionScope, home: readonly string[]): boolean {
  // A finding about a global resource counts wherever the control must hold.
  if (region === GLOBAL_REGION || scope === 'all' || scope === 'any') return true;
  return (scope === 'home' ? home : scope).includes(region);
}

const judged = (t: RegionTally) => t.pass + t.fail + t.excepted > 0;

/**
 * One account-control's standing from its regions. `all`/`home`/list scopes: any failure decides;
 * without failures, an excepted one makes it excepted; a region that could not be judged makes it
 * unknown; else compliant. `any`: one passing region suffices; a region that could not be judged
 * might be that region, so it is unknown before it is non-compliant.
 */
function decide(regions: [string, RegionTally][], any: boolean): ComplianceStatus | undefined {
  const some = (p: (t: RegionTally) => boolean) => regions.some(([, t]) => p(t));
  const passing = (t: RegionTally) => t.pass > 0 && t.fail === 0 && t.excepted === 0 && t.error === 0;
  if (any) {
    if (some(passing)) return 'compliant';
    if (some((t) => t.error > 0)) return 'unknown';
    if (some((t) => t.fail > 0)) return some((t) => t.fail === 0 && t.excepted > 0) ? 'excepted' : 'non_compliant';
    if (some((t) => t.excepted > 0)) return 'excepted';
    return undefined;
  }
  if (some((t) => t.fail > 0)) return 'non_compliant';
  if (some((t) => t.excepted > 0)) return 'excepted';
  if (some((t) => t.error > 0)) return 'unknown';
  if (some(judged)) return 'compliant';
  return undefined;
}

/**
 * Judges one day: every control with findings in the given accounts, by the policy's region scope,
 * exceptions and disabled controls. A finding about a global resource is one finding, so it counts
 * once however many regions reported it. Controls with nothing to judge (not applicable everywhere)
 * get no row.
 */
export class DayJudge {
  /** By account, then control: a day's million findings make no key strings. */
  private readonly tallies = new Map<string, Map<string, Tally>>();
  private readonly exceptions: ExceptionMatcher;
  private readonly o: JudgeOptions;
  /** The controls of each framework's requirement lists and of each Security Hub control, as met. */
  private readonly byRequirements = new Map<string, Map<string, ControlInfo[]>>();
  private readonly byHubControl = new Map<string, ControlInfo[]>();

  constructor(o: JudgeOptions) {
    this.o = o;
    this.exceptions = new ExceptionMatcher(o.policy.exceptions, o.accounts, o.day);
  }

  /** The controls a finding counts for: its framework's requirements, or its Security Hub control. */
  private controlsOf(f: JudgeableFinding): ControlInfo[] {
    const { controls } = this.o;
    if (f.source === SECURITY_HUB) {
      let found = this.byHubControl.get(f.checkId);
      if (!found) this.byHubControl.set(f.checkId, (found = [controls.get(`${SECURITY_HUB}/${f.checkId}`) ?? securityHubControl(f.checkId)]));
      return found;
    }
    let lists = this.byRequirements.get(f.framework);
    if (!lists) this.byRequirements.set(f.framework, (lists = new Map()));
    const key = f.requirements.length === 1 ? f.requirements[0]! : f.requirements.join('\u0000');
    let found = lists.get(key);
    if (!found) {
      found = f.requirements.flatMap((r) => {
        const c = controls.get(`${f.framework}/${r}`);
        return c ? [c] : [];
      });
      lists.set(key, found);
    }
    return found;
  }

  add(findings: readonly JudgeableFinding[]): void {
    for (const f of findings) {
      if (f.status === 'MANUAL' || f.status === 'NOT_APPLICABLE') continue;
      let ofAccount = this.tallies.get(f.accountId);
      if (!ofAccount) this.tallies.set(f.accountId, (ofAccount = new Map()));
      for (const info of this.controlsOf(f)) {
        let t = ofAccount.get(info.ref);
        if (!t) ofAccount.set(info.ref, (t = { info, accountId: f.accountId, regions: new Map(), resources: [] }));
        let r = t.regions.get(f.region);
        if (!r) t.regions.set(f.region, (r = { pass: 0, fail: 0, excepted: 0, error: 0 }));
        if (f.status === 'PASS') r.pass++;
        else if (f.status === 'ERROR') {
          r.error++;
          if (f.errorCode) (t.errors ??= new Set()).add(f.errorCode);
        } else {
          const v = this.exceptions.verdict({ accountId: f.accountId, control: info.ref, resourceId: f.resourceId, region: f.region });
          if (v && 'covered' in v) {
            r.excepted++;
            r.covered ??= new Map();
            r.covered.set(v.covered, (r.covered.get(v.covered) ?? 0) + 1);
            continue;
          }
          if (v) (t.expired ??= new Map()).set(v.expired.index, v.expired.expires);
          r.fail++;
          if (t.resources.length < RESOURCES_KEPT) t.resources.push(f.resourceId);
        }
      }
    }
  }

  /**
   * The rows of every account added since the last call, in no particular order, and forgets their
   * tallies: called after each batch that holds all of its accounts' findings, a day's judgement
   * keeps the tallies of one batch at a time instead of a million region counts.
   */
  takeRows(): DailyRow[] {
    const { policy, day } = this.o;
    const disabled = new Set(policy.controls.disabled.filter((d) => d.date <= day).map((d) => d.control));
    const out: DailyRow[] = [];
    const tallies = [...this.tallies.values()].flatMap((ofAccount) => [...ofAccount.values()]);
    this.tallies.clear();
    for (const t of tallies) {
      const scope = policy.controls.scope[t.info.ref] ?? t.info.defaultScope;
      const regions = [...t.regions].filter(([region]) => inScope(region, scope, policy.home_regions));
      const decided = decide(regions, scope === 'any');
      if (!decided) continue;
      const status: ComplianceStatus = disabled.has(t.info.ref) ? 'disabled' : decided;
      const failing = regions.reduce((n, [, r]) => n + r.fail, 0);
      const excepted = regions.reduce((n, [, r]) => n + r.excepted, 0);
      // Only the regions in scope: an exception's count is what it took off this row's failures.
      const covered = new Map<number, number>();
      for (const [, r] of regions) for (const [index, n] of r.covered ?? []) covered.set(index, (covered.get(index) ?? 0) + n);
      const applied = [...covered.keys()].sort((a, b) => a - b);
      const shown = regions.filter(([, r]) => (status === 'unknown' ? r.error > 0 : r.fail > 0)).map(([region]) => region).sort();
      const detail: DailyDetail = {
        ...(applied.length ? { exceptions: applied, covered: applied.map((index) => covered.get(index)!) } : {}),
        ...(t.expired ? { expired: [...t.expired].map(([index, expires]) => ({ index, expires })) } : {}),
        ...(t.errors ? { errors: [...t.errors].sort() } : {}),
        ...(t.resources.length && failing ? { resources: t.resources } : {}),
      };
      out.push({
        day,
        accountId: t.accountId,
        control: t.info.ref,
        framework: t.info.framework,
        section: t.info.section,
        status,
        regions: shown,
        failing,
        excepted,
        ...(Object.keys(detail).length ? { detail } : {}),
      });
    }
    return out;
  }
}
