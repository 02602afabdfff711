import { InvalidArgumentError } from 'commander';
import { isAccountId, isRegionName } from '../aws/partition.ts';
import { SEVERITIES, STATUSES, type Severity, type Status } from '../findings/model.ts';
import { FRAMEWORKS, frameworkById } from '../frameworks/index.ts';
import type { Framework } from '../frameworks/types.ts';
import { REPORT_FORMATS, type ReportFormat } from '../report/write.ts';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function accountList(value: string): string[] {
  const ids = list(value);
  const bad = ids.filter((id) => !isAccountId(id));
  if (bad.length || ids.length === 0) throw new InvalidArgumentError(`malformed account id ${bad.map((b) => `'${b}'`).join(', ') || '(empty)'}: an AWS account id is 12 digits`);
  return [...new Set(ids)];
}

export function regionList(value: string): string[] {
  if (value.trim() === 'all') return [];
  const regions = list(value);
  const bad = regions.filter((r) => !isRegionName(r));
  if (bad.length || regions.length === 0) throw new InvalidArgumentError(`unknown region ${bad.map((b) => `'${b}'`).join(', ') || '(empty)'}: expected names like us-east-1`);
  return regions;
}

/** Region names for filtering stored findings: like regionList, plus `global` for account-wide ones. */
export function findingRegionList(value: string): string[] {
  const regions = list(value);
  const bad = regions.filter((r) => r !== 'global' && !isRegionName(r));
  if (bad.length || regions.length === 0) throw new InvalidArgumentError(`unknown region ${bad.map((b) => `'${b}'`).join(', ') || '(empty)'}: expected names like us-east-1, or global`);
  return regions;
}

export function framework(value: string): Framework {
  const f = frameworkById(value);
  if (!f) throw new InvalidArgumentError(`unknown framework '${value}'; known: ${FRAMEWORKS.map((x) => x.id).join(', ')}`);
  return f;
}


export function formats(value: string): ReportFormat[] {
  const fs = list(value);
  const bad = fs.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad.length || fs.length === 0) throw new InvalidArgumentError(`unknown format ${bad.map((b) => `'${b}'`).join(', ') || '(empty)'}; known: ${REPORT_FORMATS.join(', ')}`);
  return [...new Set(fs)] as ReportFormat[];
}

export function severity(value: string): Severity {
  const v = value.toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(v)) throw new InvalidArgumentError(`unknown severity '${value}'; known: ${SEVERITIES.join(', ')}`);
  return v as Severity;
}

export function statuses(value: string): Status[] {
  const vs = list(value).map((s) => s.toUpperCase());
  const bad = vs.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (bad.length || vs.length === 0) throw new InvalidArgumentError(`unknown status ${bad.map((b) => `'${b}'`).join(', ') || '(empty)'}; known: ${STATUSES.join(', ')}`);
  return vs as Status[];
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`'${value}' is not a positive whole number`);
  return n;
}

export function instant(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) throw new InvalidArgumentError(`'${value}' is not an ISO date-time (e.g. 2026-11-20T06:00:00Z)`);
  return d;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`'${value}' is not a port number (0-65535)`);
  return n;
}

/** A calendar day, YYYY-MM-DD, that exists. */
export function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) {
    throw new InvalidArgumentError(`'${value}' is not a day like 2026-12-01`);
  }
  return value;
}
