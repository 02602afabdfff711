import type { CheckContext } from '../types.ts';

/** ARN of an EC2/VPC resource, for the resources whose API answers carry no ARN. */
export function ec2Arn(ctx: CheckContext, region: string, type: string, id: string, ownerId?: string): string {
  return `arn:${ctx.partition}:ec2:${region}:${ownerId ?? ctx.accountId}:${type}/${id}`;
}

/**
 * True for resources of this account. VPC sharing shows participants the owner's VPCs, NACLs and
 * shared security groups; those are judged in the owner's account, not once per participant.
 */
export function ownedByAccount(ctx: CheckContext, ownerId: string | undefined): boolean {
  return ownerId === undefined || ownerId === ctx.accountId;
}
