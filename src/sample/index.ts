export { generateOrganization, OPT_IN_REGIONS } from './organization.ts';
export { sampleOrganization, SAMPLE_COLLECTED_AT, SAMPLE_REGIONS, SAMPLE_SEED } from './bundled.ts';
export type { GenerateOptions, OrganizationAccount, SampleOrganization, SampleRegion } from './types.ts';
