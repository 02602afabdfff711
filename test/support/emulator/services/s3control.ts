import { GetPublicAccessBlock$ } from '@aws-sdk/client-s3-control';
import { AwsError } from '../aws-error.ts';
import { required } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const s3control: ServiceSpec = {
  id: 's3control',
  signingName: 's3',
  protocol: 'restXml',
  namespace: 'com.amazonaws.s3control',
  xmlNamespace: 'http://awss3control.amazonaws.com/doc/2018-08-20/',
  global: true,
  operations: {
    GetPublicAccessBlock: {
      schema: GetPublicAccessBlock$,
      handle(ctx, input) {
        const accountId = required(input, 'AccountId', 'InvalidRequest');
        if (accountId !== ctx.identity.accountId) throw new AwsError('AccessDenied', 'Access Denied');
        const config = ctx.data.global('s3control.publicAccessBlock');
        if (!config) {
          throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
        }
        return { PublicAccessBlockConfiguration: config };
      },
    },
  },
};
