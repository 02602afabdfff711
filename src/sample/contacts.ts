import type { GlobalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';

export function contactDatasets(
  ctx: AccountContext,
): Pick<GlobalDatasets, 'account.securityContact' | 'account.contactInformation'> {
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
    'account.contactInformation': {
      FullName: 'Acme Cloud Platform Team',
      CompanyName: 'Acme Corp',
      AddressLine1: '100 Example Street',
      City: 'Seattle',
      StateOrRegion: 'WA',
      PostalCode: '98101',
      CountryCode: 'US',
      PhoneNumber: '+1-206-555-0100',
      WebsiteUrl: 'https://acme.example',
    },
  };
}
