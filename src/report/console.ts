import { formatPercent, summarize, type StatusCounts } from './summary.ts';
import { plainText, truncate } from './text.ts';
import type { ReportInput } from './types.ts';

export interface ConsoleOptions {
  color: boolean;
}

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', bold: '\u001b[1m', reset: '\u001b[0m' };
type Tone = Exclude<keyof typeof ANSI, 'reset'>;

const NAME_WIDTH = 30;
const COLUMNS = ['PASS', 'FAIL', 'ERROR', 'MANUAL'] as const;

interface Row {
  id: string;
  name: string;
  counts: StatusCounts;
  compliance: number | null;
}

/** Plain-text scan summary for the terminal: one line per account, totals and errors. */
export function renderConsole(input: ReportInput, options: ConsoleOptions = { color: false }): string {
  const paint = (text: string, tone: Tone | undefined) =>
    options.color && tone ? `${ANSI[tone]}${text}${ANSI.reset}` : text;
  const summary = summarize(input);
  const { scan, framework } = input;

  const rows: Row[] = summary.accounts.map((a) => ({
    id: a.id,
    name: truncate(plainText(a.name ?? ''), NAME_WIDTH),
    counts: a.counts,
    compliance: a.compliance,
  }));
  const total: Row = { id: 'Total', name: '', ...summary.totals };
  const idWidth = Math.max(12, ...rows.map((r) => r.id.length), total.id.length);
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const countWidth = Math.max(6, ...[...rows, total].flatMap((r) => COLUMNS.map((c) => String(r.counts[c]).length)));

  const line = (r: Row) => {
    const cells = COLUMNS.map((c) => {
      const n = r.counts[c];
      const text = String(n).padStart(countWidth);
      return paint(text, n > 0 ? toneOf(c) : undefined);
    });
    return [r.id.padEnd(idWidth), r.name.padEnd(nameWidth), ...cells, formatPercent(r.compliance).padStart(10)]
      .join('  ')
      .trimEnd();
  };
  const header = ['Account'.padEnd(idWidth), 'Name'.padEnd(nameWidth), ...COLUMNS.map((c) => c.padStart(countWidth)), 'Compliance'.padStart(10)].join('  ');

  const errorResults = summary.totals.counts.ERROR;
  const status = scan.status === 'complete' ? paint('complete', 'green') : paint('partial', 'yellow');
  const out = [
    paint(`${plainText(framework.name)} v${plainText(framework.version)}`, 'bold'),
    `Scan ${plainText(scan.id)}: ${status}, ${summary.accounts.length} account(s), ${scan.regions.length} region(s)`,
    '',
    header,
    ...rows.map(line),
    '-'.repeat(header.length),
    line(total),
    '',
    paint(
      `Errors: ${errorResults} result(s) could not be evaluated, ${scan.errors.length} problem(s)${scan.errors.length ? ':' : ''}`,
      errorResults + scan.errors.length > 0 ? 'yellow' : undefined,
    ),
    ...scan.errors.slice(0, MAX_LISTED).map((e) => `  ${[e.accountId, e.region, e.code].filter(Boolean).map((x) => plainText(x!)).join(' ')}: ${truncate(plainText(e.message), 160)}`),
    ...(scan.errors.length > MAX_LISTED ? [`  … and ${scan.errors.length - MAX_LISTED} more (rampart findings --status ERROR)`] : []),
    ...(scan.skipped.length ? [`Not scanned: ${skippedSummary(scan.skipped)}`] : []),
  ];
  return `${out.join('\n')}\n`;
}

const MAX_LISTED = 10;

/** "1 account (account is suspended); 4 account-regions (opt-in region not enabled for this account)". */
function skippedSummary(skipped: ReportInput['scan']['skipped']): string {
  const byReason = new Map<string, number>();
  for (const s of skipped) {
    const what = s.region ? 'account-region' : 'account';
    const key = `${what}\u0000${s.reason}`;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  return [...byReason]
    .map(([key, n]) => {
      const [what, reason] = key.split('\u0000');
      return `${n} ${what}${n === 1 ? '' : 's'} (${plainText(reason!)})`;
    })
    .join('; ');
}

function toneOf(column: (typeof COLUMNS)[number]): Tone | undefined {
  if (column === 'PASS') return 'green';
  if (column === 'FAIL') return 'red';
  if (column === 'ERROR') return 'yellow';
  return undefined;
}
