import type { AccountCheck } from '../types.ts';
import { CIS_PATTERNS } from '../lib/cis-patterns.ts';
import { evaluateMonitoringChain, monitoringRemediation, MONITORING_READS } from '../lib/monitoring-chain.ts';

const topic = CIS_PATTERNS.cmkDisableOrDeletion;

const check: AccountCheck = {
  id: 'monitoring_cmk_disable_or_deletion',
  title: 'Disabling or scheduled deletion of customer managed KMS keys is monitored with a metric filter, alarm and subscribed SNS topic',
  severity: 'low',
  scope: 'any-region',
  reads: MONITORING_READS,
  remediation: monitoringRemediation(topic),
  evaluate: (ctx) => evaluateMonitoringChain(ctx, topic),
};

export default check;
