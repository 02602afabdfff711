import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perJudgement } from '../../src/server/api/judged-cache.ts';
import type { Store } from '../../src/store/index.ts';

/** A store of which only the judgement version is read. */
function storeAt(version: { n: number }): Store {
  return { dashboard: { judgementVersion: async () => version.n } } as unknown as Store;
}

test('an answer is built once per judgement version and key', async () => {
  const version = { n: 1 };
  const store = storeAt(version);
  let builds = 0;
  const build = async () => ++builds;
  assert.equal(await perJudgement(store, 'k', build), 1);
  assert.equal(await perJudgement(store, 'k', build), 1);
  assert.equal(await perJudgement(store, 'other', build), 2);
  version.n = 2;
  assert.equal(await perJudgement(store, 'k', build), 3, 'a new judgement builds afresh');
});

test('a failed build is not kept: the next ask builds again', async () => {
  const store = storeAt({ n: 1 });
  await assert.rejects(perJudgement(store, 'k', () => Promise.reject(new Error('database gone'))), /database gone/);
  assert.equal(await perJudgement(store, 'k', async () => 'built'), 'built');
});

test('beyond 64 keys in one version the oldest is let go', async () => {
  const store = storeAt({ n: 1 });
  let builds = 0;
  const build = async () => ++builds;
  for (let k = 0; k < 64; k++) await perJudgement(store, `k${k}`, build);
  assert.equal(await perJudgement(store, 'k0', build), 1, 'all 64 kept');
  await perJudgement(store, 'k64', build);
  assert.equal(await perJudgement(store, 'k0', build), 66, 'the oldest went for the 65th');
});
