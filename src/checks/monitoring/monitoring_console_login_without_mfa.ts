import type { AccountCheck } from '../types.ts';
import { CIS_PATTERNS } from '../lib/cis-patterns.ts';
import { evaluateMonitoringChain, monitoringRemediation, MONITORING_READS } from '../lib/monitoring-chain.ts';

const topic = CIS_PATTERNS.consoleLoginWithoutMfa;

const check: AccountCheck = {
  id: 'monitoring_console_login_without_mfa',
  title: 'Management Console sign-in without MFA is monitored with a metric filter, alarm and subscribed SNS topic',
  severity: 'medium',
  scope: 'any-region',
  reads: MONITORING_READS,
  remediation: monitoringRemediation(topic),
  evaluate: (ctx) => evaluateMonitoringChain(ctx, topic),
};

export default check;
