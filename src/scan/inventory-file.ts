import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import { once } from 'node:events';
import { z } from 'zod';
import type { AccountInventory, Inventory } from '../collect/inventory.ts';

const collectErrorSchema = z.object({ code: z.string(), message: z.string() });

const accountSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'account id must be 12 digits'),
  name: z.string().optional(),
  regions: z.array(z.string()),
  skippedRegions: z.array(z.object({ region: z.string(), reason: z.string() })),
  accessError: collectErrorSchema.optional(),
  issues: z.array(collectErrorSchema.extend({ region: z.string().optional() })).optional(),
  global: z.record(z.string(), z.unknown()),
  regional: z.record(z.string(), z.record(z.string(), z.unknown())),
});

const inventorySchema = z.object({
  format: z.literal('rampart-inventory'),
  version: z.literal(1),
  collectedAt: z.string().datetime({ offset: true }),
  partition: z.string(),
  accounts: z.array(accountSchema),
});

export class InventoryFileError extends Error {}

/** Reads a saved inventory (gzip or plain JSON) and checks its outline before anything uses it. */
export async function readInventory(path: string): Promise<Inventory> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InventoryFileError(`cannot read inventory ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let text: string;
  try {
    text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  } catch (err) {
    throw new InventoryFileError(`cannot read inventory ${path}: not valid gzip (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InventoryFileError(`cannot read inventory ${path}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = inventorySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InventoryFileError(`cannot read inventory ${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data as Inventory;
}

/**
 * Streams an inventory to a gzip file one account at a time, so a 5,000-account scan never holds
 * every account in memory. The file appears under its name only once complete.
 */
export class InventoryWriter {
  private readonly path: string;
  private readonly tmp: string;
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;
  private failure: Error | undefined;
  private first = true;

  /** Opens the file before any work starts, so an unwritable path is a one-line error, not a lost scan. */
  static async create(path: string, header: Omit<Inventory, 'accounts'>): Promise<InventoryWriter> {
    const tmp = `${path}.${process.pid}.tmp`;
    let handle: FileHandle;
    try {
      handle = await open(tmp, 'w');
    } catch (err) {
      throw new InventoryFileError(`cannot write inventory ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return new InventoryWriter(path, tmp, handle, header);
  }

  private constructor(path: string, tmp: string, handle: FileHandle, header: Omit<Inventory, 'accounts'>) {
    this.path = path;
    this.tmp = tmp;
    const file = handle.createWriteStream();
    const fail = (err: Error) => (this.failure ??= err);
    file.on('error', fail);
    this.gzip.on('error', fail);
    this.gzip.pipe(file);
    this.done = once(file, 'close').then(() => undefined);
    const head = JSON.stringify({ ...header, accounts: [] });
    this.gzip.write(head.slice(0, -2));
  }

  async add(account: AccountInventory): Promise<void> {
    this.check();
    const chunk = (this.first ? '' : ',') + JSON.stringify(account);
    this.first = false;
    if (!this.gzip.write(chunk)) await once(this.gzip, 'drain');
  }

  async close(): Promise<void> {
    this.gzip.end(']}');
    await this.done;
    this.check();
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    await rm(this.tmp, { force: true });
  }

  private check(): void {
    if (this.failure) throw new InventoryFileError(`cannot write inventory ${this.path}: ${(this.failure as NodeJS.ErrnoException).code ?? this.failure.message}`);
  }
}
