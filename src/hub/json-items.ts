/**
 * Splits a stream of JSON bytes into its items without parsing them, so a file of any size is read
 * one item at a time: the elements of a top-level array, the elements of `Findings` in an object
 * (as `aws securityhub get-findings` prints), or JSON Lines. Only strings, escapes and bracket depth
 * are tracked here; each item's own syntax is left to JSON.parse, so one broken item costs that
 * item alone. An item's position is its 1-based index in the array, or its first line otherwise.
 */
export type RawItem = { position: number; text: string } | { position: number; reason: string };

export class JsonSyntaxError extends Error {
  constructor(message: string, offset: number, line: number) {
    super(`${message} at byte ${offset} (line ${line})`);
  }
}

type Mode =
  | 'start' // before the first value
  | 'list' // in the array whose elements are the items
  | 'first' // in the first top-level object: a finding of its own, or the `{ "Findings": [...] }` wrapper
  | 'findings' // after `"Findings":`, before its array
  | 'tail' // in the wrapper after its Findings array
  | 'values' // after a first object that spanned lines: more top-level objects may follow
  | 'lines' // JSON Lines: the first object ended on its own line
  | 'done'; // after the array or wrapper: only whitespace may follow

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
}

export class JsonItems {
  private readonly maxItemBytes: number;
  private mode: Mode = 'start';
  /** Bytes consumed before the current chunk. */
  private offset = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  /** The next string byte is escaped (it may be the first of the next chunk). */
  private escaped = false;
  /** Depth inside the array whose elements are items: 1 for a top-level array, 2 for Findings. */
  private listDepth = 0;
  private count = 0;
  /** An element is due after `[` or `,`. */
  private expecting = false;
  private collecting = false;
  private from = 0;
  private parts: Buffer[] = [];
  private size = 0;
  private oversize = false;
  private position = 0;
  private startLine = 0;
  /** In the first object: a key is due, the key being read (while it could still be `Findings`), the last key read. */
  private expectKey = false;
  private key: string | null = null;
  private lastKey: string | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private out: RawItem[] = [];

  constructor(maxItemBytes: number) {
    this.maxItemBytes = maxItemBytes;
  }

  /** Where reading stands, for errors raised outside the JSON (a corrupt gzip stream). */
  get at(): { offset: number; line: number } {
    return { offset: this.offset, line: this.line };
  }

  push(buf: Buffer): RawItem[] {
    this.buf = buf;
    this.out = [];
    this.from = 0;
    let i = this.offset === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    while (i < buf.length) {
      if (this.mode === 'lines') {
        i = this.scanLines(i);
      } else if (this.mode === 'list' && this.collecting) {
        i = this.scanElement(i);
        if (i < buf.length) this.structural(buf[i]!, i++);
      } else if (this.inString) {
        this.stringByte(buf[i++]!);
      } else {
        this.structural(buf[i]!, i++);
      }
    }
    if (this.collecting) this.keep(this.from, buf.length);
    this.offset += buf.length;
    return this.out;
  }

  end(): RawItem[] {
    this.out = [];
    // Everything has been counted into `offset`: errors here are at its end.
    const at = 0;
    if (this.mode === 'start') this.fail('no JSON content: the file is empty', at);
    if (this.mode === 'lines') {
      if (this.collecting) this.emit();
    } else if (this.inString || this.collecting || (this.mode !== 'done' && this.mode !== 'values')) {
      this.fail('unexpected end of the file: it is truncated', at);
    }
    return this.out;
  }

  private structural(c: number, i: number): void {
    if (c === NEWLINE) this.line++;
    switch (this.mode) {
      case 'start':
        if (isSpace(c)) return;
        if (c === 0x5b) return this.openList(1);
        if (c === 0x7b) {
          this.depth = 1;
          this.mode = 'first';
          this.expectKey = true;
          this.startLine = this.line;
          return this.begin(i, this.line);
        }
        return this.fail(`not JSON: expected '[' or '{', found ${show(c)}`, i);
      case 'list':
        return this.inList(c, i);
      case 'first':
        return this.inFirst(c, i);
      case 'findings':
        if (isSpace(c)) return;
        if (c === 0x5b) return this.openList(2);
        return this.fail(`"Findings" is not an array: found ${show(c)}`, i);
      case 'tail':
        if (c === QUOTE) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if ((c === 0x7d || c === 0x5d) && --this.depth === 0) this.mode = 'done';
        return;
      case 'values':
        if (!this.collecting) {
          if (isSpace(c)) return;
          if (c !== 0x7b) return this.fail(`expected '{' to start the next finding, found ${show(c)}`, i);
          this.begin(i, this.line);
        }
        if (c === QUOTE) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if ((c === 0x7d || c === 0x5d) && --this.depth === 0) this.finish(i + 1);
        return;
      case 'done':
        if (!isSpace(c)) this.fail(`unexpected ${show(c)} after the end of the JSON`, i);
        return;
    }
  }

  private openList(depth: number): void {
    this.mode = 'list';
    this.depth = this.listDepth = depth;
    this.count = 0;
    this.expecting = true;
  }

  private inList(c: number, i: number): void {
    const atList = this.depth === this.listDepth;
    if (!this.collecting) {
      if (isSpace(c)) return;
      if (atList && c === 0x2c) return this.emptyElement();
      if (atList && c === 0x5d) {
        if (this.expecting && this.count > 0) this.emptyElement();
        return this.closeList();
      }
      this.expecting = false;
      this.begin(i, ++this.count);
    }
    if (c === QUOTE) {
      this.inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      this.depth++;
    } else if (c === 0x2c && atList) {
      this.finish(i);
      this.expecting = true;
    } else if (c === 0x7d || c === 0x5d) {
      if (!atList) {
        this.depth--;
      } else if (c === 0x5d) {
        this.finish(i);
        this.closeList();
      } else {
        this.fail(`unexpected '}' in the list of findings`, i);
      }
    }
  }

  private emptyElement(): void {
    this.out.push({ position: ++this.count, reason: 'empty array element (two commas in a row, or a trailing comma)' });
  }

  private closeList(): void {
    this.depth = this.listDepth - 1;
    this.mode = this.listDepth === 1 ? 'done' : 'tail';
  }

  private inFirst(c: number, i: number): void {
    if (c === QUOTE) {
      this.inString = true;
      if (this.depth === 1 && this.expectKey) this.key = '';
    } else if (c === 0x3a && this.depth === 1) {
      this.expectKey = false;
      if (this.lastKey === 'Findings') {
        this.collecting = false;
        this.parts = [];
        this.mode = 'findings';
      }
      this.lastKey = null;
    } else if (c === 0x2c && this.depth === 1) {
      this.expectKey = true;
    } else if (c === 0x7b || c === 0x5b) {
      this.depth++;
    } else if ((c === 0x7d || c === 0x5d) && --this.depth === 0) {
      this.finish(i + 1);
      // One object per line is JSON Lines: each line is then read on its own, so a broken line
      // costs that line alone.
      this.mode = this.line === this.startLine ? 'lines' : 'values';
      if (this.mode === 'lines') this.begin(i + 1, this.line);
    }
  }

  /**
   * The hot path: runs through an array element up to the next byte at the array's own depth (a
   * `,` or the closing `]`), with the state in locals.
   */
  private scanElement(i: number): number {
    const buf = this.buf;
    const listDepth = this.listDepth;
    let { depth, inString, escaped, line } = this;
    if (inString && escaped) {
      escaped = false;
      i++;
    }
    scan: for (; i < buf.length; i++) {
      let c = buf[i]!;
      if (inString) {
        // Most of a finding is string bytes: skip them in the tightest loop there is.
        while (c !== QUOTE && c !== BACKSLASH) {
          if (++i === buf.length) break scan;
          c = buf[i]!;
        }
        if (c === QUOTE) inString = false;
        else if (++i === buf.length) escaped = true;
      } else if (c === QUOTE) {
        inString = true;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === listDepth) break;
        depth--;
      } else if (c === 0x2c) {
        if (depth === listDepth) break;
      } else if (c === NEWLINE) {
        line++;
      }
    }
    Object.assign(this, { depth, inString, escaped, line });
    return Math.min(i, buf.length);
  }

  private stringByte(c: number): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (c === BACKSLASH) {
      this.escaped = true;
    } else if (c === QUOTE) {
      this.inString = false;
      if (this.key !== null) this.lastKey = this.key;
      this.key = null;
      return;
    }
    // A key of the first object is read only as far as telling whether it is `Findings`.
    if (this.key !== null) this.key = this.key.length < 'Findings'.length ? this.key + String.fromCharCode(c) : null;
  }

  private scanLines(i: number): number {
    const buf = this.buf;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, i);
      if (nl < 0) return buf.length;
      this.finish(nl);
      this.line++;
      i = nl + 1;
      this.begin(i, this.line);
    }
  }

  private begin(i: number, position: number): void {
    this.collecting = true;
    this.from = i;
    this.parts = [];
    this.size = 0;
    this.oversize = false;
    this.position = position;
  }

  private keep(from: number, to: number): void {
    if (this.oversize || to <= from) return;
    this.size += to - from;
    if (this.size > this.maxItemBytes) {
      this.oversize = true;
      this.parts = [];
    } else {
      this.parts.push(this.buf.subarray(from, to));
    }
  }

  private finish(to: number): void {
    this.keep(this.from, to);
    this.emit();
  }

  private emit(): void {
    this.collecting = false;
    if (this.oversize) {
      this.out.push({ position: this.position, reason: `finding is larger than ${this.maxItemBytes} bytes` });
      return;
    }
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    const text = bytes.toString('utf8');
    // Blank lines in JSON Lines are not findings.
    if (this.mode === 'lines' && !/\S/.test(text)) return;
    this.out.push({ position: this.position, text });
  }

  private fail(message: string, i: number): never {
    throw new JsonSyntaxError(message, this.offset + i, this.line);
  }
}

function show(c: number): string {
  return c > 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
