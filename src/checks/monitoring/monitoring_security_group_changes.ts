import type { AccountCheck } from '../types.ts';
import { CIS_PATTERNS } from '../lib/cis-patterns.ts';
import { evaluateMonitoringChain, monitoringRemediation, MONITORING_READS } from '../lib/monitoring-chain.ts';

const topic = CIS_PATTERNS.securityGroupChanges;

const check: AccountCheck = {
  id: 'monitoring_security_group_changes',
  title: 'Security group changes are monitored with a metric filter, alarm and subscribed SNS topic',
  severity: 'low',
  scope: 'any-region',
  reads: MONITORING_READS,
  remediation: monitoringRemediation(topic),
  evaluate: (ctx) => evaluateMonitoringChain(ctx, topic),
};

export default check;
