import { z } from 'zod';
import type { Finding } from '../findings/model.ts';
import { plainText, truncate } from '../report/text.ts';

/** What every normalizer returns: a finding, or why the document was refused. Never throws. */
export type Normalized = { ok: true; finding: Finding } | { ok: false; reason: string };

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * RFC 3339 as producers write it (`2024-05-02T08:00:00Z`, any fraction, `Z` or `+hh:mm`), checked
 * field by field: a regex and Date.parse cost more than the rest of a finding's checks, and
 * Date.parse rolls 2024-02-30 over into March instead of refusing it. Leap seconds and lower-case
 * `t`/`z`, which RFC 3339 allows but Date cannot read, are refused.
 */
export function isIsoDateTime(s: string): boolean {
  if (s.length < 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || !upTo(s, 11, 23) || !upTo(s, 14, 59) || !upTo(s, 17, 59)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!)) return false;
  let i = 19;
  if (s[i] === '.') {
    while (++i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57);
    if (i === 20) return false;
  }
  if (i === s.length - 1) return s[i] === 'Z';
  return i === s.length - 6 && (s[i] === '+' || s[i] === '-') && s[i + 3] === ':' && upTo(s, i + 1, 23) && upTo(s, i + 4, 59);
}

/** The number written with `n` decimal digits at `at`, or -1. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function upTo(s: string, at: number, max: number): boolean {
  const v = digits(s, at, 2);
  return v >= 0 && v <= max;
}

export const isoDateTime = z.string().refine(isIsoDateTime, 'is not an ISO-8601 date-time');
export const accountId = z.string().regex(/^\d{12}$/, 'is not a 12-digit account id');

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** One spelling for every timestamp Rampart stores, so that the same instant compares equal. */
export function toIso(value: string | number): string {
  // Most producers already write this spelling; parsing it again would cost more than the rest of a finding.
  return typeof value === 'string' && CANONICAL.test(value) ? value : new Date(value).toISOString();
}

const MAX_ISSUES = 3;

/**
 * The first problems of a failed parse, each naming its field, e.g. `Resources[0].Id is missing`;
 * `subject` names the document itself (`finding must be an object`).
 */
export function issueReason(error: z.ZodError, subject = 'finding'): string {
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => describe(issue, subject))
    .join('; ');
}

function describe(issue: z.core.$ZodIssue, subject: string): string {
  const field = issue.path.length ? fieldPath(issue.path) : subject;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `${field} is missing`;
      return `${field} must be ${article(issue.expected === 'int' ? 'integer' : issue.expected)}`;
    case 'too_big':
      if (issue.origin === 'string') return `${field} is longer than ${issue.maximum} characters`;
      if (issue.origin === 'array') return `${field} has more than ${issue.maximum} entries`;
      return `${field} is above ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return `${field} is empty`;
      return `${field} is below ${issue.minimum}`;
    case 'invalid_value':
      if (input === undefined) return `${field} is missing`;
      return `${field} ${quote(input)} is not one of ${issue.values.join(', ')}`;
    default:
      return typeof input === 'string' || typeof input === 'number' ? `${field} ${quote(input)} ${issue.message}` : `${field} ${issue.message}`;
  }
}

function fieldPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Untrusted input quoted in a reason: short, and without control characters. */
export function quote(value: unknown): string {
  return `'${plainText(truncate(String(value), 80))}'`;
}
