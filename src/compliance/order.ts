// One collator each, made once: `localeCompare` with a locale or options builds a collator on every
// call, and sorting a day's 60,000 rows called it a million times (bench/compliance.ts).
const byText = new Intl.Collator().compare;
const byControl = new Intl.Collator('en', { numeric: true }).compare;

/** Control refs in reading order: `cis-aws-3.0.0/1.9` before `cis-aws-3.0.0/1.10`. */
export const compareControls = (a: string, b: string): number => byControl(a, b);

/** A day's rows by account, then control in reading order. */
export function compareDaily(a: { accountId: string; control: string }, b: { accountId: string; control: string }): number {
  return byText(a.accountId, b.accountId) || byControl(a.control, b.control);
}
