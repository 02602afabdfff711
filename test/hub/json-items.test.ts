import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonItems, JsonSyntaxError, type RawItem } from '../../src/hub/json-items.ts';

/** Splits `text` fed in chunks of `size` bytes (0: all at once). */
function split(text: string, size = 0, max = 1000): RawItem[] {
  const bytes = Buffer.from(text);
  const items = new JsonItems(max);
  const out: RawItem[] = [];
  const step = size || bytes.length || 1;
  for (let i = 0; i < bytes.length; i += step) out.push(...items.push(bytes.subarray(i, i + step)));
  out.push(...items.end());
  return out;
}

/** The same result whatever the chunk size, down to one byte at a time. */
function splitEvery(text: string, max = 1000): RawItem[] {
  const whole = split(text, 0, max);
  for (const size of [1, 2, 3, 5, 7, 16]) assert.deepEqual(split(text, size, max), whole, `chunks of ${size}`);
  return whole;
}

function failure(text: string): JsonSyntaxError {
  try {
    splitEvery(text);
  } catch (err) {
    assert.ok(err instanceof JsonSyntaxError, String(err));
    for (const size of [1, 3]) assert.throws(() => split(text, size), { message: err.message });
    return err;
  }
  assert.fail('no error');
}

const parsed = (items: RawItem[]) => items.map((i) => ('text' in i ? { position: i.position, value: JSON.parse(i.text) } : i));

test('array elements, with strings that hold brackets, quotes, escapes and multi-byte characters', () => {
  const values = [
    { Id: 'a', Title: 'brackets ] } [ { and , commas' },
    { Id: 'b', Title: 'quote \\" and backslash \\\\', Nested: { List: [1, [2, { x: '}' }]] } },
    { Id: 'c', Title: 'ünïcødé — 日本語 🛡️', Tail: '\\' },
    'not an object',
    42,
  ];
  const text = JSON.stringify(values, null, 2);
  assert.deepEqual(parsed(splitEvery(text)), values.map((value, i) => ({ position: i + 1, value })));
  assert.deepEqual(parsed(splitEvery(JSON.stringify(values))), values.map((value, i) => ({ position: i + 1, value })));
});

test('an empty array, a BOM, surrounding whitespace', () => {
  assert.deepEqual(splitEvery('[]'), []);
  assert.deepEqual(splitEvery(' \n [ \n ] \n'), []);
  assert.deepEqual(parsed(split('\ufeff[{"a":1}]')), [{ position: 1, value: { a: 1 } }]);
});

test('the Findings of an object, wherever the key is, other keys skipped', () => {
  const doc = { Findings: [{ Id: 'a' }, { Id: 'b', Findings: ['not the list'] }], NextToken: 'tok"en]}' };
  assert.deepEqual(parsed(splitEvery(JSON.stringify(doc, null, 4))), [
    { position: 1, value: { Id: 'a' } },
    { position: 2, value: { Id: 'b', Findings: ['not the list'] } },
  ]);
  const later = '{"NextToken": "x", "Meta": {"Findings": 1}, "Findings": [{"Id": "c"}]}';
  assert.deepEqual(parsed(splitEvery(later)), [{ position: 1, value: { Id: 'c' } }]);
  assert.deepEqual(splitEvery('{"Findings": []}'), []);
});

test('JSON Lines: one item per line, blank lines skipped, a broken line is only that line', () => {
  const text = '{"Id":"a"}\n\n{"Id":"b"}\r\n{"Id":"c", broken\n{"Id":"d"}';
  assert.deepEqual(splitEvery(text), [
    { position: 1, text: '{"Id":"a"}' },
    { position: 3, text: '{"Id":"b"}\r' },
    { position: 4, text: '{"Id":"c", broken' },
    { position: 5, text: '{"Id":"d"}' },
  ]);
  assert.deepEqual(splitEvery('{"Id":"a"}\n'), [{ position: 1, text: '{"Id":"a"}' }]);
});

test('one pretty-printed finding, or several in a row, are read by their first line', () => {
  const one = JSON.stringify({ Id: 'a', Resources: [{ Id: 'r' }] }, null, 2);
  assert.deepEqual(parsed(splitEvery(one)), [{ position: 1, value: { Id: 'a', Resources: [{ Id: 'r' }] } }]);
  const two = `${one}\n${JSON.stringify({ Id: 'b' }, null, 2)}\n`;
  assert.deepEqual(
    parsed(splitEvery(two)).map((i) => i.position),
    [1, 9],
  );
});

test('an element that is not valid JSON is handed on as text; empty elements are reported', () => {
  assert.deepEqual(splitEvery('[{"a":1},{"b":tru},{"c":3}]'), [
    { position: 1, text: '{"a":1}' },
    { position: 2, text: '{"b":tru}' },
    { position: 3, text: '{"c":3}' },
  ]);
  assert.deepEqual(splitEvery('[{"a":1},,{"c":3},]'), [
    { position: 1, text: '{"a":1}' },
    { position: 2, reason: 'empty array element (two commas in a row, or a trailing comma)' },
    { position: 3, text: '{"c":3}' },
    { position: 4, reason: 'empty array element (two commas in a row, or a trailing comma)' },
  ]);
});

test('an oversize element is reported without being kept, and reading goes on', () => {
  const big = JSON.stringify({ Id: 'big', Description: 'x'.repeat(500) });
  assert.deepEqual(splitEvery(`[{"Id":"a"},${big},{"Id":"c"}]`, 100), [
    { position: 1, text: '{"Id":"a"}' },
    { position: 2, reason: 'finding is larger than 100 bytes' },
    { position: 3, text: '{"Id":"c"}' },
  ]);
  assert.deepEqual(splitEvery(`{"Id":"a"}\n${big}\n{"Id":"c"}\n`, 100)[1], { position: 2, reason: 'finding is larger than 100 bytes' });
});

test('structural errors name the byte and the line', () => {
  assert.equal(failure('').message, 'no JSON content: the file is empty at byte 0 (line 1)');
  assert.equal(failure('  \n ').message, 'no JSON content: the file is empty at byte 4 (line 2)');
  assert.equal(failure('Id,Title\na,b\n').message, "not JSON: expected '[' or '{', found 'I' at byte 0 (line 1)");
  assert.equal(failure('\u0000\u0001').message, 'not JSON: expected \'[\' or \'{\', found byte 0x00 at byte 0 (line 1)');
  assert.equal(failure('[\n{"a":1},\n{"b":').message, 'unexpected end of the file: it is truncated at byte 16 (line 3)');
  assert.equal(failure('[{"a":"unterminated').message, 'unexpected end of the file: it is truncated at byte 19 (line 1)');
  assert.equal(failure('{"Findings": [{"a":1}]').message, 'unexpected end of the file: it is truncated at byte 22 (line 1)');
  assert.equal(failure('[{"a":1}}]').message, "unexpected '}' in the list of findings at byte 8 (line 1)");
  assert.equal(failure('[{"a":1}]\n[').message, "unexpected '[' after the end of the JSON at byte 10 (line 2)");
  assert.equal(failure('{"Findings": {"a":1}}').message, '"Findings" is not an array: found \'{\' at byte 13 (line 1)');
  assert.equal(failure('{\n"a": 1\n}\n[1]').message, "expected '{' to start the next finding, found '[' at byte 11 (line 4)");
});

test('random JSON-like bytes: items or a JsonSyntaxError, the same whatever the chunk size', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = ['[', ']', '{', '}', '"', '\\', ',', ':', ' ', '\n', 'a', '1', '"Findings"', 'é'];
  const outcome = (text: string, size: number) => {
    try {
      return JSON.stringify(split(text, size));
    } catch (err) {
      assert.ok(err instanceof JsonSyntaxError, `${String(err)} on ${JSON.stringify(text)}`);
      return err.message;
    }
  };
  for (let n = 0; n < 500; n++) {
    let text = '';
    for (let k = Math.floor(next() * 60); k > 0; k--) text += alphabet[Math.floor(next() * alphabet.length)];
    const whole = outcome(text, 0);
    for (const size of [1, 4]) assert.equal(outcome(text, size), whole, JSON.stringify(text));
  }
});
