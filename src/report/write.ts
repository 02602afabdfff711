import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderAsff } from './asff.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderOcsf } from './ocsf.ts';
import type { ReportInput } from './types.ts';

export const REPORT_FORMATS = ['html', 'csv', 'ocsf', 'asff'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const WRITERS: Record<ReportFormat, { extension: string; render: (input: ReportInput) => string }> = {
  html: { extension: 'html', render: (input) => renderHtml(input) },
  csv: { extension: 'csv', render: renderCsv },
  ocsf: { extension: 'ocsf.jsonl', render: renderOcsf },
  asff: { extension: 'asff.json', render: (input) => `${JSON.stringify(renderAsff(input), null, 2)}\n` },
};

/** Keeps an id usable inside a single file-name component on every platform (no separators). */
function fileSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function reportFileName(format: ReportFormat, input: ReportInput): string {
  return `rampart-${fileSafe(input.framework.id)}-${fileSafe(input.scan.id)}.${WRITERS[format].extension}`;
}

/**
 * Writes each report to a temporary file beside its final name and renames it into place, so a
 * reader never sees a half-written report. Returns the paths written, in the order asked.
 */
export async function writeReports(
  formats: readonly ReportFormat[],
  outDir: string,
  input: ReportInput,
): Promise<string[]> {
  const unknown = formats.filter((f) => !REPORT_FORMATS.includes(f));
  if (unknown.length > 0) {
    throw new Error(`unknown report format ${unknown.join(', ')}; expected one of ${REPORT_FORMATS.join(', ')}`);
  }
  await mkdir(outDir, { recursive: true });
  const paths: string[] = [];
  for (const format of new Set(formats)) {
    const path = join(outDir, reportFileName(format, input));
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, WRITERS[format].render(input), { encoding: 'utf8', mode: 0o644 });
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    paths.push(path);
  }
  return paths;
}
