import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminPortsOpened, describeOpening, protocolName } from '../../../src/checks/lib/network-ports.ts';

describe('protocolName', () => {
  for (const [raw, name] of [['-1', 'all'], ['all', 'all'], ['6', 'tcp'], ['tcp', 'tcp'], ['TCP', 'tcp'], ['17', 'udp'], ['udp', 'udp'], ['1', 'other'], ['icmp', 'other'], ['58', 'other'], [undefined, 'other']] as const) {
    it(`${String(raw)} → ${name}`, () => assert.equal(protocolName(raw), name));
  }
});

describe('adminPortsOpened', () => {
  const cases: [Parameters<typeof adminPortsOpened>, number[]][] = [
    [['all', undefined, undefined], [22, 3389]],
    [['all', -1, -1], [22, 3389]],
    [['tcp', 22, 22], [22]],
    [['tcp', 3389, 3389], [3389]],
    [['tcp', 0, 65535], [22, 3389]],
    [['udp', 20, 30], [22]],
    [['tcp', 23, 3388], []],
    [['tcp', 3390, 4000], []],
    [['tcp', 80, 80], []],
    [['other', 0, 65535], []],
  ];
  for (const [args, expected] of cases) {
    it(`${args.join(' ')} → [${expected.join(', ')}]`, () => assert.deepEqual(adminPortsOpened(...args), expected));
  }
});

describe('describeOpening', () => {
  it('names the protocol and ports', () => {
    assert.equal(describeOpening('tcp', [22]), 'TCP port 22');
    assert.equal(describeOpening('udp', [22, 3389]), 'UDP ports 22 and 3389');
    assert.match(describeOpening('all', [22, 3389]), /^all traffic/);
  });
});
