import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountList, findingRegionList, regionList } from '../../src/cli/parse.ts';

test('account lists are trimmed and deduplicated; malformed ids are refused', () => {
  assert.deepEqual(accountList(' 111111111111, 222222222222,111111111111 '), ['111111111111', '222222222222']);
  assert.throws(() => accountList('111111111111,abc'), /malformed account id 'abc'/);
  assert.throws(() => accountList(','), /malformed account id \(empty\)/);
});

test("region lists: 'all' means no narrowing; findings filters also take 'global'", () => {
  assert.deepEqual(regionList('all'), []);
  assert.deepEqual(regionList('us-east-1,ap-northeast-1'), ['us-east-1', 'ap-northeast-1']);
  assert.throws(() => regionList('us-east-1,global'), /unknown region 'global'/);
  assert.deepEqual(findingRegionList('global,eu-west-1'), ['global', 'eu-west-1']);
});
