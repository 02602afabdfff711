import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskLocation } from '../../src/store/errors.ts';
import { parseLocation } from '../../src/store/location.ts';
import { StoreError } from '../../src/store/index.ts';

describe('parseLocation', () => {
  it('defaults to rampart.db in the working directory', () => {
    assert.deepEqual(parseLocation(undefined), { kind: 'sqlite', path: 'rampart.db', display: 'rampart.db' });
  });

  it('accepts file paths and sqlite: URLs', () => {
    assert.equal(parseLocation('./data/r.db').kind, 'sqlite');
    assert.equal((parseLocation('./data/r.db') as { path: string }).path, './data/r.db');
    assert.equal((parseLocation('sqlite:data/r.db') as { path: string }).path, 'data/r.db');
    assert.equal((parseLocation('sqlite::memory:') as { path: string }).path, ':memory:');
    assert.equal((parseLocation('sqlite:///var/lib/r.db') as { path: string }).path, '/var/lib/r.db');
  });

  it('takes the schema out of a PostgreSQL URL and masks the password', () => {
    const loc = parseLocation('postgresql://rampart:p%40ss@db.internal:5433/sec?schema=rampart&sslmode=require');
    assert.equal(loc.kind, 'postgres');
    if (loc.kind !== 'postgres') return;
    assert.equal(loc.schema, 'rampart');
    assert.equal(loc.password, 'p@ss');
    assert.equal(loc.connectionString, 'postgresql://rampart:p%40ss@db.internal:5433/sec?sslmode=require');
    assert.equal(loc.display, 'postgresql://rampart:***@db.internal:5433/sec?schema=rampart&sslmode=require');
  });

  it('rejects unsupported schemes, bad schema names and an empty location in one line', () => {
    assert.throws(() => parseLocation('mysql://root:topsecret@h/db'), (err: Error) => {
      assert.ok(err instanceof StoreError);
      assert.equal(err.message, 'cannot open database mysql://root:***@h/db: unsupported scheme mysql: (use a file path, sqlite:path or postgres://)');
      return true;
    });
    assert.throws(() => parseLocation('postgres://h/db?schema=Drop%20Table'), /schema `Drop Table` must be lower-case/);
    assert.throws(() => parseLocation(''), /location is empty/);
  });
});

describe('maskLocation', () => {
  it('masks only the password', () => {
    assert.equal(maskLocation('postgres://u:pw@h:1/d'), 'postgres://u:***@h:1/d');
    assert.equal(maskLocation('postgres://u@h:1/d'), 'postgres://u@h:1/d');
    assert.equal(maskLocation('/tmp/a:b@c.db'), '/tmp/a:b@c.db');
  });
});
