import type { AccountCheck } from '../types.ts';
import { day, daysSince, parseDate } from '../lib/iam-days.ts';
import { accountResource, globalResult, INCOMPLETE } from '../lib/iam-results.ts';

const check: AccountCheck = {
  id: 'iam_no_expired_server_certificates',
  title: 'Expired SSL/TLS certificates stored in IAM are removed',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.serverCertificates'],
  remediation: 'Delete the expired certificate: `aws iam delete-server-certificate --server-certificate-name <name>`.',
  evaluate(ctx) {
    const certs = ctx.global('iam.serverCertificates');
    if (!certs.length) return [globalResult(accountResource(ctx), 'PASS', 'no server certificates are stored in IAM')];
    return certs.map((c) => {
      const name = `certificate \`${c.ServerCertificateName ?? c.ServerCertificateId ?? '?'}\``;
      const resource = { resourceId: c.Arn ?? c.ServerCertificateId ?? 'unknown', resourceType: 'AwsIamServerCertificate' };
      const expiry = parseDate(c.Expiration);
      if (!expiry) return globalResult(resource, 'ERROR', `${name} has no expiration date`, { errorCode: INCOMPLETE });
      if (expiry.getTime() < ctx.now.getTime()) {
        return globalResult(resource, 'FAIL', `${name} expired on ${day(expiry)} (${daysSince(expiry, ctx.now)} days ago)`);
      }
      return globalResult(resource, 'PASS', `${name} expires on ${day(expiry)}`);
    });
  },
};

export default check;
