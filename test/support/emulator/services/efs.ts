import { DescribeFileSystems$ } from '@aws-sdk/client-efs';
import { AwsError } from '../aws-error.ts';
import { str } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const efs: ServiceSpec = {
  id: 'elasticfilesystem',
  signingName: 'elasticfilesystem',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.efs',
  global: false,
  operations: {
    DescribeFileSystems: {
      schema: DescribeFileSystems$,
      handle(ctx, input) {
        const id = str(input, 'FileSystemId');
        const token = str(input, 'CreationToken');
        const systems = (ctx.data.regional(ctx.region, 'efs.fileSystems') ?? []).filter(
          (f) => (!id || f.FileSystemId === id || f.FileSystemArn === id) && (!token || f.CreationToken === token),
        );
        if (id && !systems.length) throw new AwsError('FileSystemNotFound', `File system '${id}' does not exist.`);
        const page = ctx.page(systems, input.Marker, input.MaxItems);
        return { FileSystems: page.items, Marker: str(input, 'Marker'), NextMarker: page.next };
      },
    },
  },
};
