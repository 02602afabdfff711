import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Finding } from '../findings/model.ts';
import { ASFF_LIMITS } from '../report/asff.ts';
import { plainText, truncate } from '../report/text.ts';
import { normalizeAsff } from './asff.ts';
import { JsonItems, JsonSyntaxError, type RawItem } from './json-items.ts';

/** One finding of the file, or why it was not taken; position is its array index or its line. */
export type AsffFileItem = { position: number; finding: Finding } | { position: number; reason: string };

/** The file as a whole could not be read: missing, not JSON, truncated, corrupt gzip. */
export class AsffFileError extends Error {}

const READ_BLOCK = 1 << 20;

/**
 * Reads an ASFF file: a JSON array of findings, `{ "Findings": [...] }` as `aws securityhub
 * get-findings` prints it, or JSON Lines; gzip is recognised by its magic bytes. Findings are
 * yielded as they are read, so memory stays flat whatever the file's size; a finding larger than
 * Security Hub accepts (240 KB) is reported, never held.
 */
export async function* readAsffFile(path: string): AsyncGenerator<AsffFileItem> {
  const fail = (problem: string, cause?: unknown) => new AsffFileError(`cannot read ASFF file ${path}: ${problem}`, { cause });
  const items = new JsonItems(ASFF_LIMITS.findingBytes);
  let gzip = false;
  try {
    const content = await openContent(path);
    gzip = content.gzip;
    for await (const chunk of content.stream as AsyncIterable<Buffer>) {
      for (const raw of items.push(chunk)) yield toItem(raw);
    }
    for (const raw of items.end()) yield toItem(raw);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw fail(err.message, err);
    const e = err as NodeJS.ErrnoException;
    if (gzip && e.code?.startsWith('Z_')) {
      const { offset, line } = items.at;
      throw fail(`not a valid gzip file (${e.message}) after byte ${offset} (line ${line}) of its content`, err);
    }
    throw fail(e.code ?? e.message, err);
  }
}

async function openContent(path: string): Promise<{ stream: Readable; gzip: boolean }> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    const file = handle.createReadStream({ highWaterMark: READ_BLOCK });
    const gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    // pipeline() passes a read error on to the gunzip stream, where the reader sees it.
    return { stream: gzip ? pipeline(file, createGunzip({ chunkSize: READ_BLOCK }), () => {}) : file, gzip };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function toItem(raw: RawItem): AsffFileItem {
  if ('reason' in raw) return raw;
  let doc: unknown;
  try {
    doc = JSON.parse(raw.text);
  } catch (err) {
    // V8 quotes the offending text in its message: it is untrusted.
    return { position: raw.position, reason: `not valid JSON: ${plainText(truncate((err as Error).message, 200))}` };
  }
  const r = normalizeAsff(doc, { origin: 'asff-file' });
  if (!r.ok) return { position: raw.position, reason: r.reason };
  // The text as read is the document as received; keeping it rather than the parsed copy lets the
  // parsed one go at once.
  r.finding.raw = { format: 'asff', text: raw.text };
  return { position: raw.position, finding: r.finding };
}
