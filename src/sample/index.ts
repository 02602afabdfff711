export { generateOrganization } from './organization.ts';
export { sampleOrganization } from './bundled.ts';
export type { GenerateOptions, OrganizationAccount, SampleOrganization, SampleRegion } from './types.ts';
