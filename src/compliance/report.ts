import { GLOBAL_REGION } from '../findings/model.ts';
import type { PolicyConfig } from '../policy/schema.ts';
import type { StoredAccount } from '../store/types.ts';
import type { ControlInfo } from './controls.ts';
import { rateOf, ratesBy, type Rate } from './rates.ts';
import type { ComplianceStatus, DailyRow, Streak } from './types.ts';

export interface ExceptionNote {
  index: number;
  reason: string;
  approver: string;
  expires: string;
}

export interface ControlStanding {
  control: string;
  title: string;
  section: string;
  status: ComplianceStatus;
  regions: string[];
  failing: number;
  excepted: number;
  resources?: string[];
  streak?: { start: string; days: number; missing: string[] };
  exceptions?: ExceptionNote[];
  /** Exceptions that would cover a failure but have expired: the report says so. */
  expiredExceptions?: ExceptionNote[];
  errors?: string[];
  disabled?: { reason: string; date: string };
  remediation?: string;
}

export interface AccountStanding {
  id: string;
  name?: string;
  ouPath?: string;
  rate: Rate;
  controls: ControlStanding[];
}

export interface ComplianceReport {
  day: string;
  organization: Rate;
  accounts: AccountStanding[];
  ous: { ou: string; rate: Rate }[];
  sections: { framework: string; section: string; rate: Rate }[];
  controls: { control: string; rate: Rate }[];
  /** Accounts known to Rampart with no judgement that day (no scan or import covered them). */
  missing: { accountId: string; name?: string }[];
}

/** Puts a day's rows, streaks and the policy together into what `rampart compliance` shows. */
export function buildReport(p: {
  day: string;
  rows: readonly DailyRow[];
  streaks: readonly Streak[];
  policy: PolicyConfig;
  controls: ReadonlyMap<string, ControlInfo>;
  accounts: readonly StoredAccount[];
}): ComplianceReport {
  const meta = new Map(p.accounts.map((a) => [a.id, a]));
  const streaks = new Map(p.streaks.map((s) => [`${s.accountId}|${s.control}`, s]));
  const note = (index: number): ExceptionNote => {
    const e = p.policy.exceptions[index]!;
    return { index, reason: e.reason, approver: e.approver, expires: e.expires };
  };
  const disabled = new Map(p.policy.controls.disabled.map((d) => [d.control, d]));
  const byAccount = new Map<string, DailyRow[]>();
  for (const r of p.rows) {
    let list = byAccount.get(r.accountId);
    if (!list) byAccount.set(r.accountId, (list = []));
    list.push(r);
  }
  const accounts: AccountStanding[] = [...byAccount].map(([id, rows]) => {
    const a = meta.get(id);
    return {
      id,
      ...(a?.name ? { name: a.name } : {}),
      ...(a?.ouPath ? { ouPath: a.ouPath } : {}),
      rate: rateOf(rows),
      controls: rows.map((r) => {
        const info = p.controls.get(r.control);
        const s = streaks.get(`${r.accountId}|${r.control}`);
        const d = disabled.get(r.control);
        const standing: ControlStanding = {
          control: r.control,
          title: info?.title ?? r.control,
          section: r.section,
          status: r.status,
          regions: r.regions,
          failing: r.failing,
          excepted: r.excepted,
          ...(r.detail?.resources ? { resources: r.detail.resources } : {}),
          ...(r.status === 'non_compliant' && s ? { streak: { start: s.start, days: s.days, missing: s.missing } } : {}),
          ...(r.detail?.exceptions ? { exceptions: r.detail.exceptions.map(note) } : {}),
          ...(r.detail?.expired ? { expiredExceptions: r.detail.expired.map((x) => note(x.index)) } : {}),
          ...(r.detail?.errors ? { errors: r.detail.errors } : {}),
          ...(r.status === 'disabled' && d ? { disabled: { reason: d.reason, date: d.date } } : {}),
          ...(info?.remediation ? { remediation: info.remediation } : {}),
        };
        return standing;
      }),
    };
  });
  const ouOf = (r: DailyRow) => meta.get(r.accountId)?.ouPath;
  return {
    day: p.day,
    organization: rateOf(p.rows),
    accounts,
    ous: [...ratesBy(p.rows, ouOf)].map(([ou, rate]) => ({ ou, rate })),
    sections: [...ratesBy(p.rows, (r) => `${r.framework}\u0000${r.section}`)].map(([k, rate]) => {
      const [framework, section] = k.split('\u0000') as [string, string];
      return { framework, section, rate };
    }),
    controls: [...ratesBy(p.rows, (r) => r.control)].map(([control, rate]) => ({ control, rate })),
    missing: p.accounts.filter((a) => !byAccount.has(a.id)).map((a) => ({ accountId: a.id, ...(a.name ? { name: a.name } : {}) })),
  };
}

const pct = (r: Rate) => (r.rate === null ? 'n/a' : `${(r.rate * 100).toFixed(1)}%`);

/** The report as text for the console. */
export function renderReport(r: ComplianceReport): string {
  const out: string[] = [];
  out.push(`Compliance on ${r.day}: organization ${pct(r.organization)} (${r.organization.compliant} compliant, ${r.organization.nonCompliant} non-compliant account-controls)`);
  for (const a of r.accounts) {
    out.push('');
    out.push(`${a.id}${a.name ? ` ${a.name}` : ''}${a.ouPath ? ` (${a.ouPath})` : ''}: ${pct(a.rate)}`);
    for (const c of a.controls) {
      if (c.status === 'compliant') continue;
      const where = c.regions.length ? ` in ${c.regions.map((g) => (g === GLOBAL_REGION ? 'the account (global)' : g)).join(', ')}` : '';
      if (c.status === 'non_compliant') {
        const streak = c.streak ? `, ${c.streak.days} day(s) since ${c.streak.start}` : '';
        const missing = c.streak?.missing.length ? ` (no data for ${c.streak.missing.join(', ')})` : '';
        out.push(`  NON-COMPLIANT ${c.control} ${c.title}${where}: ${c.failing} failing${streak}${missing}`);
      } else if (c.status === 'excepted') {
        const e = c.exceptions?.map((x) => `${x.reason} (approved by ${x.approver}, until ${x.expires})`).join('; ');
        out.push(`  excepted      ${c.control} ${c.title}: ${c.excepted} covered${e ? ` — ${e}` : ''}`);
      } else if (c.status === 'disabled') {
        out.push(`  disabled      ${c.control} ${c.title}${c.disabled ? ` — ${c.disabled.reason} (since ${c.disabled.date})` : ''}`);
      } else {
        out.push(`  unknown       ${c.control} ${c.title}${where}: could not be judged (${(c.errors ?? []).join(', ') || 'errors'})`);
      }
      for (const x of c.expiredExceptions ?? []) out.push(`                exception #${x.index + 1} expired on ${x.expires}: ${x.reason}`);
    }
  }
  if (r.missing.length) {
    out.push('');
    out.push(`No data on ${r.day} (no scan or import covered them): ${r.missing.map((m) => m.accountId).join(', ')}`);
  }
  if (r.sections.length) {
    out.push('');
    out.push('By section:');
    for (const s of r.sections) out.push(`  ${pct(s.rate).padStart(6)}  ${s.framework} ${s.section}`);
  }
  return `${out.join('\n')}\n`;
}
