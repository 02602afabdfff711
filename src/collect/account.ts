import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import { attempt, plain } from './attempt.ts';
import type { GlobalDatasets } from './inventory.ts';
import type { GlobalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

const NOT_REGISTERED = ['ResourceNotFoundException'];

export const accountCollector: GlobalCollector = {
  id: 'account',
  phase: 'global',
  datasets: ['account.securityContact', 'account.contactInformation'],
  collect(ctx, wanted) {
    const account = ctx.client(AccountClient);
    return collectWanted<GlobalDatasets>(wanted, {
      'account.securityContact': () =>
        attempt(
          async () => {
            const out = await account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
            return out.AlternateContact ? plain(out.AlternateContact) : null;
          },
          { absentOn: NOT_REGISTERED, absent: null },
        ),
      'account.contactInformation': () =>
        attempt(
          async () => {
            const out = await account.send(new GetContactInformationCommand({}));
            return out.ContactInformation ? plain(out.ContactInformation) : null;
          },
          { absentOn: NOT_REGISTERED, absent: null },
        ),
    });
  },
};
