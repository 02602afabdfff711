import type { Kysely } from 'kysely';
import type { Guard } from './outbox.ts';
import type { Database } from './schema.ts';

/** A digest that went out: to whom (the policy's recipient name), for which period and day. */
export interface DigestRecord {
  id: string;
  period: string;
  recipient: string;
  day: string;
  sentAt: string;
  orgRate: number | null;
  /** What the digest said, as JSON-ready data. */
  summary: unknown;
}

function fromRow(r: Database['digests']): DigestRecord {
  return { id: r.id, period: r.period, recipient: r.recipients, day: r.day, sentAt: r.sent_at, orgRate: r.org_rate, summary: JSON.parse(r.summary) as unknown };
}

/** The latest digest to this recipient and period about a day before `before`: what the next one compares with. */
export async function lastDigest(db: Kysely<Database>, recipient: string, period: string, before: string): Promise<DigestRecord | undefined> {
  const row = await db
    .selectFrom('digests')
    .selectAll()
    .where('recipients', '=', recipient)
    .where('period', '=', period)
    .where('day', '<', before)
    .orderBy('day', 'desc')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Digests already sent to this recipient for this period and day, oldest first. */
export async function digestsOn(db: Kysely<Database>, recipient: string, period: string, day: string): Promise<DigestRecord[]> {
  const rows = await db.selectFrom('digests').selectAll().where('recipients', '=', recipient).where('period', '=', period).where('day', '=', day).orderBy('sent_at').execute();
  return rows.map(fromRow);
}

export async function recordDigest(db: Kysely<Database>, r: DigestRecord): Promise<void> {
  await db
    .insertInto('digests')
    .values({ id: r.id, period: r.period, recipients: r.recipient, day: r.day, sent_at: r.sentAt, org_rate: r.orgRate, summary: JSON.stringify(r.summary) })
    .execute();
}

export interface DigestStore {
  last(recipient: string, period: string, before: string): Promise<DigestRecord | undefined>;
  on(recipient: string, period: string, day: string): Promise<DigestRecord[]>;
  record(r: DigestRecord): Promise<void>;
}

export function createDigestStore(db: Kysely<Database>, guard: Guard): DigestStore {
  return {
    last: (recipient, period, before) => guard('cannot read the last digest', () => lastDigest(db, recipient, period, before)),
    on: (recipient, period, day) => guard(`cannot read the digests of ${day}`, () => digestsOn(db, recipient, period, day)),
    record: (r) => guard(`cannot record the digest of ${r.day}`, () => recordDigest(db, r)),
  };
}
