import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { attempt, plain } from './attempt.ts';
import type { GlobalDatasets } from './inventory.ts';
import type { GlobalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

const NOT_REGISTERED = ['ResourceNotFoundException'];

export const accountCollector: GlobalCollector = {
  id: 'account',
  phase: 'global',
  datasets: ['account.securityContact'],
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
    });
  },
};
