import type { GlobalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';

export function contactDatasets(
  ctx: AccountContext,
): Pick<GlobalDatasets, 'account.securityContact'> {
  return {
    'account.securityContact': ctx.profile.securityContact
      ? {
          AlternateContactType: 'SECURITY',
          Name: 'Acme Security Operations',
          Title: 'Security on-call',
          EmailAddress: 'security-oncall@acme.example',
          PhoneNumber: '+1-206-555-0142',
        }
      : null,
  };
}
