import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  covers,
  equivalent,
  parseFilterPattern,
  type FilterPattern,
} from '../../../src/checks/lib/filter-pattern.ts';
import { CIS_PATTERNS } from '../../../src/checks/lib/cis-patterns.ts';

function p(text: string): FilterPattern {
  const r = parseFilterPattern(text);
  if (!r.ok) assert.fail(`${text} should parse: ${r.error}`);
  return r;
}

function parseError(text: string): string {
  const r = parseFilterPattern(text);
  assert.equal(r.ok, false, `${text} should not parse`);
  return r.ok ? '' : r.error;
}

const V14_41 = CIS_PATTERNS.unauthorizedApiCalls.variants[1]!.pattern;
const V5_41 = CIS_PATTERNS.unauthorizedApiCalls.variants[2]!.pattern;
const [RT_V14, RT_V3, RT_INTENDED] = CIS_PATTERNS.routeTableChanges.variants.map((v) => v.pattern);

describe('parseFilterPattern', () => {
  it('parses every published CIS pattern', () => {
    for (const [id, topic] of Object.entries(CIS_PATTERNS)) {
      for (const v of topic.variants) {
        const r = parseFilterPattern(v.pattern);
        assert.ok(r.ok, `${id} (${v.source}): ${r.ok ? '' : r.error}`);
      }
    }
  });

  it('reads selectors, operators and values into clauses', () => {
    const r = p('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }');
    assert.deepEqual(r.expr, {
      kind: 'and',
      items: [
        { kind: 'clause', clause: { selector: '$.eventType', op: '!=', value: 'AwsServiceEvent' } },
        { kind: 'clause', clause: { selector: '$.userIdentity.invokedBy', op: 'NOT EXISTS' } },
        { kind: 'clause', clause: { selector: '$.userIdentity.type', op: '=', value: 'Root' } },
      ],
    });
  });

  it('supports IS NULL, IS TRUE/FALSE, numeric comparisons and array selectors', () => {
    const r = p('{ ($.a IS NULL) && ($.b is true) && ($.latency >= 100) && ($.count<3) && ($.items[0].id > -1.5) && ($.c <= 2) }');
    assert.equal(r.expr.kind, 'and');
    const ops = r.dnf[0];
    assert.deepEqual(ops, [
      '$.a IS NULL',
      '$.b IS TRUE',
      '$.c <= "2"',
      '$.count < "3"',
      '$.items[0].id > "-1.5"',
      '$.latency >= "100"',
    ]);
  });

  it('keeps wildcards and regular expressions as part of the value', () => {
    const r = p('{ ($.errorCode = *UnauthorizedOperation) || ($.eventName = %Put|Delete%) }');
    assert.deepEqual(r.dnf, [['$.errorCode = "*UnauthorizedOperation"'], ['$.eventName = "%Put|Delete%"']]);
  });

  it('keeps escaped quotes and spaces inside quoted values', () => {
    const r = p('{ $.errorMessage = "Failed \\"authentication\\" (x)" }');
    assert.deepEqual(r.dnf, [['$.errorMessage = "Failed \\"authentication\\" (x)"']]);
  });
});

describe('equivalence', () => {
  it('treats quoted and unquoted simple tokens as equal', () => {
    assert.ok(equivalent(p('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'), p('{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) }')));
  });

  it('ignores whitespace, including none at all and line breaks', () => {
    assert.ok(equivalent(p('{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}'), p('{\n  ( $.eventName  =  CreateTrail )\t||\n  ($.eventName = DeleteTrail)\n}')));
  });

  it('ignores clause order, duplicates and redundant parentheses', () => {
    const a = p(CIS_PATTERNS.cmkDisableOrDeletion.variants[0]!.pattern);
    const b = p('{ ((($.eventName = ScheduleKeyDeletion) || ($.eventName = DisableKey) || ($.eventName = DisableKey))) && ($.eventSource = "kms.amazonaws.com") }');
    assert.ok(equivalent(a, b));
  });

  it('treats a distributed form as the same pattern', () => {
    assert.ok(equivalent(p('{ $.a = x && ($.b = y || $.c = z) }'), p('{ ($.a = x && $.b = y) || ($.c = z && $.a = x) }')));
  });

  it('keeps values case-sensitive', () => {
    assert.ok(!equivalent(p('{ $.eventName = ConsoleLogin }'), p('{ $.eventName = consolelogin }')));
  });

  it('distinguishes operators and selectors', () => {
    assert.ok(!equivalent(p('{ $.a = x }'), p('{ $.a != x }')));
    assert.ok(!equivalent(p('{ $.a = x }'), p('{ $.b = x }')));
    assert.ok(!equivalent(p('{ $.a NOT EXISTS }'), p('{ $.a IS NULL }')));
  });

  it('does not equate the v1.4 (`||`) and v5 (`&&`) forms of 4.1', () => {
    assert.ok(!equivalent(p(V14_41), p(V5_41)));
  });

  it('binds && tighter than ||: the v3 4.13 text scopes only CreateRoute by event source', () => {
    const v3 = p(RT_V3!);
    assert.equal(v3.dnf.length, 7);
    assert.ok(v3.dnf.some((t) => t.length === 2 && t.includes('$.eventName = "CreateRoute"') && t.includes('$.eventSource = "ec2.amazonaws.com"')));
    assert.ok(v3.dnf.some((t) => t.length === 1 && t[0] === '$.eventName = "DeleteRouteTable"'));
    assert.ok(!equivalent(v3, p(RT_INTENDED!)));
    assert.ok(!equivalent(v3, p(RT_V14!)));
  });

  it('reads the v3 4.13 text the same with its irregular spacing normalised', () => {
    assert.ok(equivalent(p(RT_V3!), p(RT_V3!.replace(/\s*=\s*/g, ' = ').replace(/\s+/g, ' '))));
  });
});

describe('covers (lenient matching)', () => {
  const required = p(CIS_PATTERNS.cloudtrailChanges.variants[0]!.pattern);

  it('accepts the pattern itself', () => {
    assert.ok(covers(required, required));
  });

  it('accepts an extra OR-ed alternative', () => {
    const wider = p('{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) || ($.eventName = PutEventSelectors) }');
    assert.ok(covers(wider, required));
    assert.ok(!equivalent(wider, required));
  });

  it('rejects an extra AND-ed clause, which narrows the filter', () => {
    const narrower = p('{ (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)) && ($.awsRegion = us-east-1) }');
    assert.ok(!covers(narrower, required));
  });

  it('rejects a filter missing one alternative', () => {
    assert.ok(!covers(p('{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }'), required));
  });

  it('the v1.4 4.1 form covers the v5 form but not the other way round', () => {
    assert.ok(covers(p(V14_41), p(V5_41)));
    assert.ok(!covers(p(V5_41), p(V14_41)));
  });

  it('the v1.4 4.13 form covers the literal v3 form; the intended v3 reading covers neither', () => {
    assert.ok(covers(p(RT_V14!), p(RT_V3!)));
    assert.ok(!covers(p(RT_INTENDED!), p(RT_V3!)));
    assert.ok(!covers(p(RT_INTENDED!), p(RT_V14!)));
  });
});

describe('malformed patterns', () => {
  it('rejects term and space-delimited patterns', () => {
    assert.match(parseError('ERROR'), /not a JSON filter pattern/);
    assert.match(parseError('"Failed authentication"'), /not a JSON filter pattern/);
    assert.match(parseError('[ip, user, username, timestamp, request, status_code = 4*, bytes]'), /not a JSON filter pattern/);
  });

  it('rejects unbalanced parentheses', () => {
    assert.match(parseError('{ ($.eventName = CreateTrail }'), /unbalanced parentheses/);
    assert.match(parseError('{ ($.eventName = CreateTrail)) }'), /unbalanced parentheses/);
    assert.match(parseError('{ (($.a = 1) || ($.b = 2) }'), /unbalanced parentheses/);
  });

  it('rejects a missing operator or value', () => {
    assert.match(parseError('{ ($.eventName CreateTrail) }'), /missing operator after `\$\.eventName`/);
    assert.match(parseError('{ $.eventName = }'), /missing value/);
    assert.match(parseError('{ $.eventName == CreateTrail }'), /missing value/);
  });

  it('rejects missing connectives, dangling connectives and empty patterns', () => {
    assert.match(parseError('{ ($.a = 1) ($.b = 2) }'), /expected `&&`, `\|\|` or `}`/);
    assert.match(parseError('{ ($.a = 1) || }'), /expected `\(` or a selector/);
    assert.match(parseError('{ }'), /empty/);
    assert.match(parseError('{ ($.a = 1)'), /expected `&&`, `\|\|` or `}`/);
  });

  it('rejects unterminated quotes, bare selectors and trailing text', () => {
    assert.match(parseError('{ $.a = "x }'), /unterminated quoted value/);
    assert.match(parseError('{ $. = 1 }'), /expected a selector/);
    assert.match(parseError('{ eventName = x }'), /expected `\(` or a selector/);
    assert.match(parseError('{ $.a = 1 } extra'), /after the closing/);
  });

  it('reports pathological nesting and size as errors instead of throwing', () => {
    assert.match(parseError(`{ ${'('.repeat(200)}$.a = 1${')'.repeat(200)} }`), /nested too deeply/);
    const product = Array.from({ length: 14 }, (_, i) => `($.a${i} = 1 || $.b${i} = 2)`).join(' && ');
    assert.match(parseError(`{ ${product} }`), /too complex/);
  });
});
