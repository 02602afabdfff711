import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readAsffFile, AsffFileError, type AsffFileItem } from '../../src/hub/asff-file.ts';
import { guardDutyPortProbeAsff, iamRootMfaControl, inspectorFinding, prowlerFinding } from './fixtures.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-asff-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string): Promise<AsffFileItem[]> {
  const out: AsffFileItem[] = [];
  for await (const item of readAsffFile(path)) out.push(item);
  return out;
}

/** Items read before the error, and the error. */
async function readUntilError(path: string): Promise<{ items: AsffFileItem[]; error: AsffFileError }> {
  const items: AsffFileItem[] = [];
  try {
    for await (const item of readAsffFile(path)) items.push(item);
  } catch (error) {
    assert.ok(error instanceof AsffFileError, String(error));
    return { items, error };
  }
  assert.fail('no error');
}

const summary = (items: AsffFileItem[]) => items.map((i) => ('finding' in i ? [i.position, i.finding.checkId] : [i.position, i.reason]));
const good = [iamRootMfaControl('us-east-1'), inspectorFinding(), prowlerFinding(), guardDutyPortProbeAsff()];

test('a JSON array: every finding with its index, the broken one reported, the rest still read', async () => {
  const broken = { ...inspectorFinding(), Resources: [{ Type: 'AwsEc2Instance' }] };
  const text = `[\n${[good[0], good[1], broken].map((f) => JSON.stringify(f)).join(',\n')},\n{"Id": not json},\n${JSON.stringify(good[3])}\n]\n`;
  const items = await readAll(await file('findings.json', text));
  const s = summary(items);
  assert.deepEqual(s[0], [1, 'IAM.6']);
  assert.deepEqual(s[1], [2, 'AWSInspector']);
  assert.deepEqual(s[2], [3, 'Resources[0].Id is missing']);
  assert.equal(s[3]![0], 4);
  assert.match(String(s[3]![1]), /^not valid JSON: /);
  assert.deepEqual(s[4], [5, 'Recon:EC2/PortProbeUnprotectedPort']);
  const first = items[0] as { finding: { origin: string; raw: { format: string; text: string } } };
  assert.equal(first.finding.origin, 'asff-file');
  // The document is kept as the exact text of the file.
  assert.deepEqual(first.finding.raw, { format: 'asff', text: JSON.stringify(good[0]) });
});

test('the output of aws securityhub get-findings, plain and gzipped', async () => {
  const text = JSON.stringify({ Findings: good, NextToken: null }, null, 4);
  const expected = [
    [1, 'IAM.6'],
    [2, 'AWSInspector'],
    [3, 'prowler-iam_root_hardware_mfa_enabled'],
    [4, 'Recon:EC2/PortProbeUnprotectedPort'],
  ];
  assert.deepEqual(summary(await readAll(await file('get-findings.json', text))), expected);
  // Recognised by its content, not its name.
  assert.deepEqual(summary(await readAll(await file('get-findings.json.gz', gzipSync(text)))), expected);
  assert.deepEqual(summary(await readAll(await file('no-extension', gzipSync(text)))), expected);
});

test('JSON Lines: positions are line numbers; a broken line does not stop the file', async () => {
  const lines = [JSON.stringify(good[0]), '', JSON.stringify(good[1]), JSON.stringify(good[2]).slice(0, 80), JSON.stringify(good[3])];
  const items = await readAll(await file('findings.jsonl', lines.join('\n') + '\n'));
  const s = summary(items);
  assert.deepEqual(s.map((x) => x[0]), [1, 3, 4, 5]);
  assert.match(String(s[2]![1]), /^not valid JSON: /);
  assert.deepEqual(s[3], [5, 'Recon:EC2/PortProbeUnprotectedPort']);
});

test('a finding larger than Security Hub accepts is reported, not kept', async () => {
  const huge = { ...inspectorFinding(), ProductFields: { blob: 'x'.repeat(250 * 1024) } };
  const items = await readAll(await file('huge.json', JSON.stringify([good[0], huge, good[1]])));
  assert.deepEqual(summary(items), [
    [1, 'IAM.6'],
    [2, 'finding is larger than 245760 bytes'],
    [3, 'AWSInspector'],
  ]);
});

test('a file that is not JSON, truncated or unreadable is one error naming the file and the place', async () => {
  const csv = await file('findings.csv', 'Id,Title\nabc,Root MFA\n');
  assert.equal((await readUntilError(csv)).error.message, `cannot read ASFF file ${csv}: not JSON: expected '[' or '{', found 'I' at byte 0 (line 1)`);

  const text = JSON.stringify(good, null, 2);
  const cut = await file('cut.json', text.slice(0, Math.floor(text.length * 0.6)));
  const truncated = await readUntilError(cut);
  assert.match(truncated.error.message, new RegExp(`^cannot read ASFF file ${cut}: unexpected end of the file: it is truncated at byte \\d+ \\(line \\d+\\)$`));
  assert.ok(truncated.items.length >= 1, 'findings before the cut are still read');

  const gz = gzipSync(JSON.stringify({ Findings: good }));
  const cutGz = await file('cut.json.gz', gz.subarray(0, gz.length - 20));
  assert.match((await readUntilError(cutGz)).error.message, /^cannot read ASFF file .*cut\.json\.gz: not a valid gzip file \(unexpected end of file\) after byte \d+ \(line 1\) of its content$/);

  const missing = join(dir, 'missing.json');
  assert.equal((await readUntilError(missing)).error.message, `cannot read ASFF file ${missing}: ENOENT`);
  const folder = join(dir, 'folder.json');
  await mkdir(folder);
  assert.equal((await readUntilError(folder)).error.message, `cannot read ASFF file ${folder}: EISDIR`);
  const empty = await file('empty.json', '');
  assert.equal((await readUntilError(empty)).error.message, `cannot read ASFF file ${empty}: no JSON content: the file is empty at byte 0 (line 1)`);
});

test('stopping early closes the file', async () => {
  const path = await file('many.json', JSON.stringify(Array(50).fill(good[1])));
  let n = 0;
  for await (const item of readAsffFile(path)) {
    assert.ok('finding' in item);
    if (++n === 2) break;
  }
  assert.equal(n, 2);
  await rm(path);
});
