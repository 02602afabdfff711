import { z } from 'zod';
import type { Finding } from '../findings/model.ts';
import { plainText, truncate } from '../report/text.ts';

/** What every normalizer returns: a finding, or why the document was refused. Never throws. */
export type Normalized = { ok: true; finding: Finding } | { ok: false; reason: string };

// RFC 3339 as producers actually write it: optional fraction of any length, `Z` or a numeric offset.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function isIsoDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || Number.isNaN(Date.parse(value))) return false;
  // Date.parse rolls 2024-02-30 over into March instead of refusing it.
  const day = Number(m[3]);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, day)).getUTCDate() === day;
}

export const isoDateTime = z.string().refine(isIsoDateTime, 'is not an ISO-8601 date-time');
export const accountId = z.string().regex(/^\d{12}$/, 'is not a 12-digit account id');

/** One spelling for every timestamp Rampart stores, so that the same instant compares equal. */
export function toIso(value: string | number): string {
  return new Date(value).toISOString();
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
