import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { CIS_PATTERNS } from '../../../src/checks/lib/cis-patterns.ts';
import { matchingVariants, parseLogGroupArn } from '../../../src/checks/lib/monitoring-chain.ts';
import type { Check } from '../../../src/checks/types.ts';
import type { MonitoringChain } from '../../../src/collect/inventory.ts';
import cloudtrailChanges from '../../../src/checks/monitoring/monitoring_cloudtrail_changes.ts';
import unauthorizedApiCalls from '../../../src/checks/monitoring/monitoring_unauthorized_api_calls.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import {
  ACCOUNT,
  chainFor,
  details,
  logGroupArn,
  memberView,
  OTHER_ACCOUNT,
  selectors,
  status,
  TOPIC,
  trail,
  trailAccount,
  type ChainSpec,
  type TrailWorld,
} from './trail-fixtures.ts';

const CT = CIS_PATTERNS.cloudtrailChanges.variants[0]!.pattern;
const CT_WIDER = CT.replace(' }', ' || ($.eventName = PutEventSelectors) }');
const CT_NARROWER = `{ (${CT.slice(1, -1)}) && ($.awsRegion = "us-east-1") }`;

function run(world: TrailWorld, check: Check = cloudtrailChanges, mode: 'strict' | 'lenient' = 'lenient') {
  const results = runCheck(check, trailAccount(world), { options: { metricFilterMode: mode } });
  assert.equal(results.length, 1, 'an any-region check yields one result per account');
  const r = results[0]!;
  assert.equal(r.region, 'global');
  assert.equal(r.resourceId, ACCOUNT);
  return r;
}

const main = () => details(trail('main'));
const withChain = (spec: Partial<ChainSpec> = {}, edit: (c: MonitoringChain) => void = () => {}): TrailWorld => {
  const c = chainFor({ pattern: CT, ...spec });
  edit(c);
  return { trails: [main()], chain: ok(c) };
};

describe('monitoring chain: PASS', () => {
  it('passes on a complete chain and names every link and the matched variant', () => {
    const r = run(withChain());
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /trail `main`/);
    assert.match(r.reason, /log group `main-group`/);
    assert.match(r.reason, /metric filter `cis-filter`/);
    assert.match(r.reason, /CIS v1\.2\.0 3\.5, v1\.4\.0\/v3\.0\.0\/v5\.0\.0 4\.5/);
    assert.match(r.reason, /alarm `cis-alarm` on `CISBenchmark\/Watched`/);
    assert.ok(r.reason.includes(`SNS topic \`${TOPIC}\` with 1 confirmed subscription`));
  });

  it('counts a multi-region trail seen in 3 regions once', () => {
    const spec = trailAccount(withChain());
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const listed = spec.regional![region]!['cloudtrail.trails']!;
      assert.ok(listed.ok && listed.data.length === 1, `trail listed in ${region}`);
    }
    const results = runCheck(cloudtrailChanges, spec);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.status, 'PASS');
  });

  it('accepts a metric-math alarm whose query reads the filter metric', () => {
    const r = run(
      withChain({
        alarm: {
          MetricName: undefined,
          Namespace: undefined,
          Metrics: [
            { Id: 'm1', ReturnData: false, MetricStat: { Metric: { Namespace: 'CISBenchmark', MetricName: 'Watched' }, Period: 300, Stat: 'Sum' } },
            { Id: 'e1', Expression: 'm1 * 1', ReturnData: true },
          ],
        },
      }),
    );
    assert.equal(r.status, 'PASS');
  });

  it('passes with an advanced management selector', () => {
    const t = details(trail('main'), {
      selectors: selectors({ advancedEventSelectors: [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] }),
    });
    assert.equal(run({ ...withChain(), trails: [t] }).status, 'PASS');
  });

  it('every monitoring check passes with each published variant in strict mode and fails without a filter', async () => {
    const dir = new URL('../../../src/checks/monitoring/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.equal(files.length, 15);
    const seen = new Set<unknown>();
    for (const file of files) {
      const check = ((await import(new URL(file, dir).href)) as { default: Check }).default;
      assert.equal(check.scope, 'any-region');
      assert.deepEqual([...check.reads].sort(), ['cloudtrail.trailDetails', 'cloudtrail.trails', 'monitoring.chain']);
      const topic = Object.values(CIS_PATTERNS).find((t) => check.remediation.includes(t.recommended.pattern));
      assert.ok(topic, `${check.id} remediation carries its CIS pattern`);
      seen.add(topic);
      for (const v of topic.variants) {
        const r = run(withChain({ pattern: v.pattern }), check, 'strict');
        assert.equal(r.status, 'PASS', `${check.id} with ${v.source}: ${r.reason}`);
        assert.ok(r.reason.includes(v.source), `${check.id} names ${v.source}`);
      }
      const none = run(withChain({ pattern: '{ $.eventName = Nothing }' }), check, 'strict');
      assert.equal(none.status, 'FAIL');
      assert.match(none.reason, new RegExp(`matches the CIS pattern for ${topic.subject}`));
    }
    assert.equal(seen.size, 15, 'each check has its own topic');
  });
});

describe('monitoring chain: the first missing link of the longest chain', () => {
  it('no trail at all', () => {
    const r = run({ trails: [] });
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'no multi-region trail logging all management events: the account has no CloudTrail trail');
  });

  it('no qualifying trail: names what each trail lacks', () => {
    const r = run({
      ...withChain(),
      trails: [
        details(trail('regional', { IsMultiRegionTrail: false })),
        details(trail('stopped'), { status: ok(status({ IsLogging: false })) }),
        details(trail('writes'), { selectors: selectors({ eventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'WriteOnly' }] }) }),
      ],
    });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^no multi-region trail logging all management events: /);
    assert.match(r.reason, /trail `regional` is not multi-region/);
    assert.match(r.reason, /trail `stopped` is not logging/);
    assert.match(r.reason, /trail `writes` does not log all management events \(read and write\)/);
  });

  it('trail without a log group', () => {
    const r = run({ trails: [details(trail('main', { CloudWatchLogsLogGroupArn: undefined }))], chain: ok(chainFor({ pattern: CT })) });
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'trail `main` has no CloudWatch Logs log group');
  });

  it('no matching metric filter', () => {
    const r = run(withChain({ pattern: '{ ($.eventName = CreateTrail) }' }));
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'no metric filter on log group `main-group` matches the CIS pattern for CloudTrail configuration changes');
  });

  it('no metric filters at all on the log group', () => {
    const r = run(withChain({}, (c) => (c.metricFilters[logGroupArn('main-group')] = ok([]))));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^no metric filter on log group `main-group`/);
  });

  it('a malformed filter pattern is named in the reason', () => {
    const r = run(withChain({ pattern: '{ ($.eventName = CreateTrail }' }));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /metric filter `cis-filter` has an unreadable pattern: unbalanced parentheses/);
  });

  it('a term pattern (valid CloudWatch syntax, not a CIS filter) is not blamed', () => {
    const r = run(withChain({ pattern: 'ERROR Throttling' }));
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'no metric filter on log group `main-group` matches the CIS pattern for CloudTrail configuration changes');
  });

  it('no alarm on the metric', () => {
    const r = run(withChain({ alarm: { MetricName: 'SomethingElse' } }));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^no alarm on metric `CISBenchmark\/Watched`/);
  });

  it('an alarm on the same metric name in another namespace does not count', () => {
    const r = run(withChain({ alarm: { Namespace: 'Other' } }));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^no alarm on metric/);
  });

  it('an alarm in another region than the log group does not count', () => {
    const r = run(
      withChain({}, (c) => {
        c.alarms['eu-west-1'] = c.alarms['us-east-1']!;
        c.alarms['us-east-1'] = ok([]);
      }),
    );
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^no alarm on metric/);
  });

  it('alarm without an SNS action', () => {
    const r = run(withChain({ alarm: { AlarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] } }));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^alarm `cis-alarm` has no SNS topic with a confirmed subscription \(no SNS topic among its alarm actions\)/);
  });

  it('alarm with actions disabled', () => {
    const r = run(withChain({ alarm: { ActionsEnabled: false } }));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^alarm `cis-alarm` has no SNS topic with a confirmed subscription \(its actions are disabled\)/);
  });

  it('pending subscription', () => {
    const r = run(withChain({ subscriptionArn: 'PendingConfirmation' }));
    assert.equal(r.status, 'FAIL');
    assert.ok(r.reason.startsWith('alarm `cis-alarm` has no SNS topic with a confirmed subscription'));
    assert.ok(r.reason.includes(`topic \`${TOPIC}\` has 1 unconfirmed subscription`));
  });

  it('topic without subscriptions', () => {
    const r = run(withChain({}, (c) => (c.topicSubscriptions[TOPIC] = ok([]))));
    assert.equal(r.status, 'FAIL');
    assert.ok(r.reason.includes(`topic \`${TOPIC}\` has no subscriptions`));
  });

  it('reports the longest chain when several trails fall short', () => {
    const chain = chainFor({ pattern: CT, alarm: { MetricName: 'Other' } });
    const r = run({
      trails: [details(trail('a-regional', { IsMultiRegionTrail: false })), details(trail('b-nogroup', { CloudWatchLogsLogGroupArn: undefined })), main()],
      chain: ok(chain),
    });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /^no alarm on metric `CISBenchmark\/Watched`/);
  });
});

describe('monitoring chain: strict and lenient matching', () => {
  it('an extra OR-ed alternative passes lenient only', () => {
    assert.equal(run(withChain({ pattern: CT_WIDER }), cloudtrailChanges, 'lenient').status, 'PASS');
    const strict = run(withChain({ pattern: CT_WIDER }), cloudtrailChanges, 'strict');
    assert.equal(strict.status, 'FAIL');
    assert.match(strict.reason, /^no metric filter on log group/);
  });

  it('an extra AND-ed clause fails both', () => {
    assert.equal(run(withChain({ pattern: CT_NARROWER }), cloudtrailChanges, 'lenient').status, 'FAIL');
    assert.equal(run(withChain({ pattern: CT_NARROWER }), cloudtrailChanges, 'strict').status, 'FAIL');
  });

  it('quoting and whitespace differences pass strict', () => {
    const requoted = '{($.eventName="CreateTrail")||($.eventName="UpdateTrail")||($.eventName="DeleteTrail")||($.eventName="StartLogging")||($.eventName="StopLogging")}';
    assert.equal(run(withChain({ pattern: requoted }), cloudtrailChanges, 'strict').status, 'PASS');
  });

  it('4.1: the v5 form matches only the v5 variant; the v1.4 form also covers v1.2 and v5 in lenient mode', () => {
    const [, v14, v5] = CIS_PATTERNS.unauthorizedApiCalls.variants;
    const strict = matchingVariants(v5!.pattern, CIS_PATTERNS.unauthorizedApiCalls, 'strict');
    assert.deepEqual(strict.ok && strict.variants.map((v) => v.source), ['CIS v5.0.0 4.1']);
    const lenient = matchingVariants(v14!.pattern, CIS_PATTERNS.unauthorizedApiCalls, 'lenient');
    assert.deepEqual(lenient.ok && lenient.variants.map((v) => v.source), [
      'CIS v1.2.0 3.1 (also Security Hub CloudWatch.2)',
      'CIS v1.4.0/v3.0.0 4.1',
      'CIS v5.0.0 4.1',
    ]);
    const r = run(withChain({ pattern: v5!.pattern }), unauthorizedApiCalls, 'strict');
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /matches CIS v5\.0\.0 4\.1\)/);
  });

  it('4.1: only the two errorCode clauses (the v1.2 form) pass as the v1.2 variant', () => {
    const r = run(withChain({ pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}' }), unauthorizedApiCalls, 'strict');
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /CIS v1\.2\.0 3\.1/);
  });
});

describe('monitoring chain: ERROR when a link cannot be read', () => {
  it('metric filters that could not be collected', () => {
    const r = run(withChain({}, (c) => (c.metricFilters[logGroupArn('main-group')] = failed('AccessDeniedException'))));
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDeniedException');
    assert.match(r.reason, /metric filters of log group `main-group` could not be collected/);
  });

  it('metric filters missing from the inventory', () => {
    const r = run(withChain({}, (c) => delete c.metricFilters[logGroupArn('main-group')]));
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'NotCollected');
  });

  it('alarms that could not be collected', () => {
    const r = run(withChain({}, (c) => (c.alarms['us-east-1'] = failed('Throttling'))));
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'Throttling');
    assert.match(r.reason, /CloudWatch alarms in us-east-1 could not be collected/);
  });

  it('subscriptions that could not be listed', () => {
    const r = run(withChain({}, (c) => (c.topicSubscriptions[TOPIC] = failed('AuthorizationError'))));
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AuthorizationError');
  });

  it('the whole monitoring dataset failed', () => {
    const r = run({ trails: [main()], chain: failed('AccessDenied') });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDenied');
  });

  it('a failed monitoring dataset does not matter when no trail qualifies', () => {
    const r = run({ trails: [details(trail('main', { IsMultiRegionTrail: false }))], chain: failed('AccessDenied') });
    assert.equal(r.status, 'FAIL');
  });

  it('trail status that could not be collected', () => {
    const r = run({ ...withChain(), trails: [details(trail('main'), { status: failed('TrailNotFoundException') })] });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'TrailNotFoundException');
    assert.match(r.reason, /status of trail `main` could not be collected/);
  });

  it('a region whose trails could not be listed', () => {
    const r = run({ ...withChain({ pattern: '{ $.eventName = Nothing }' }), failedRegions: { 'eu-west-1': 'AccessDeniedException' } });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDeniedException');
    assert.match(r.reason, /CloudTrail trails in eu-west-1 could not be listed/);
  });

  it('a complete chain still passes when one region could not be listed', () => {
    assert.equal(run({ ...withChain(), failedRegions: { 'eu-west-1': 'AccessDeniedException' } }).status, 'PASS');
  });

  it('the trail details dataset failed', () => {
    const spec = trailAccount(withChain());
    spec.global!['cloudtrail.trailDetails'] = failed('AccessDenied');
    const [r] = runCheck(cloudtrailChanges, spec);
    assert.equal(r!.status, 'ERROR');
    assert.equal(r!.errorCode, 'AccessDenied');
  });
});

describe('monitoring chain: organization trails are judged in their own account', () => {
  const ORG_CHAIN_ELSEWHERE =
    'organization trail `org` of account 999999999999 delivers to log group `org-group` in account 999999999999; the monitoring chain is judged there';

  it('a member account seeing only the organization trail is NOT_APPLICABLE, naming the owner account', () => {
    const r = run({ trails: [memberView('org')], chain: ok({ metricFilters: {}, alarms: {}, topicSubscriptions: {} }) });
    assert.equal(r.status, 'NOT_APPLICABLE');
    assert.equal(r.errorCode, undefined);
    assert.equal(r.reason, ORG_CHAIN_ELSEWHERE);
  });

  it('a readable organization trail delivering to another account is NOT_APPLICABLE too', () => {
    const org = details(trail('org', { IsOrganizationTrail: true }));
    assert.equal(org.trail.CloudWatchLogsLogGroupArn, logGroupArn('org-group', 'us-east-1', OTHER_ACCOUNT));
    const r = run({ trails: [org], chain: ok({ metricFilters: {}, alarms: {}, topicSubscriptions: {} }) });
    assert.equal(r.status, 'NOT_APPLICABLE');
    assert.equal(r.reason, ORG_CHAIN_ELSEWHERE);
  });

  it('an own complete chain still passes next to the organization trail', () => {
    const r = run({ ...withChain(), trails: [memberView('org'), main()] });
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /^trail `main`/);
  });

  it('an own chain that falls short is left to the organization trail: NOT_APPLICABLE, keeping the shortfall as evidence', () => {
    const r = run({ ...withChain({ pattern: '{ $.eventName = Nothing }' }), trails: [memberView('org'), main()] });
    assert.equal(r.status, 'NOT_APPLICABLE');
    assert.equal(r.reason, ORG_CHAIN_ELSEWHERE);
    assert.match(JSON.stringify(r.evidence), /no metric filter on log group `main-group` matches the CIS pattern/);
  });

  it('is ERROR when the data of the account itself is incomplete', () => {
    const ownStatus = run({ ...withChain(), trails: [memberView('org'), details(trail('main'), { status: failed('AccessDeniedException') })] });
    assert.equal(ownStatus.status, 'ERROR');
    assert.equal(ownStatus.errorCode, 'AccessDeniedException');
    const ownFilters = run({
      ...withChain({}, (c) => (c.metricFilters[logGroupArn('main-group')] = failed('ThrottlingException'))),
      trails: [memberView('org'), main()],
    });
    assert.equal(ownFilters.status, 'ERROR');
    assert.equal(ownFilters.errorCode, 'ThrottlingException');
    const listing = run({ trails: [memberView('org')], failedRegions: { 'eu-west-1': 'AccessDeniedException' } });
    assert.equal(listing.status, 'ERROR');
    assert.equal(listing.errorCode, 'AccessDeniedException');
  });

  it('an organization trail without a log group cannot complete the chain anywhere: FAIL', () => {
    const r = run({ trails: [memberView('org', { CloudWatchLogsLogGroupArn: undefined })] });
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'organization trail `org` has no CloudWatch Logs log group');
  });

  it('an unreadable organization trail delivering to this account is ERROR: its status decides', () => {
    const r = run({ ...withChain(), trails: [memberView('org', { CloudWatchLogsLogGroupArn: logGroupArn('main-group') })] });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'OwnedByAnotherAccount');
  });
});

describe('parseLogGroupArn', () => {
  it('reads region, account and name, with or without the `:*` suffix', () => {
    assert.deepEqual(parseLogGroupArn('arn:aws:logs:eu-west-1:123456789012:log-group:aws/cloudtrail/main:*'), {
      region: 'eu-west-1',
      account: '123456789012',
      name: 'aws/cloudtrail/main',
    });
    assert.equal(parseLogGroupArn('arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:g')?.name, 'g');
  });

  it('rejects other ARNs', () => {
    assert.equal(parseLogGroupArn('arn:aws:s3:::bucket'), undefined);
    assert.equal(parseLogGroupArn('not an arn'), undefined);
  });
});
