import { ASFF_LIMITS, ASFF_SCHEMA_VERSION } from '../../src/report/asff.ts';

const REQUIRED_STRINGS = [
  'AwsAccountId',
  'CreatedAt',
  'Description',
  'GeneratorId',
  'Id',
  'ProductArn',
  'SchemaVersion',
  'Title',
  'UpdatedAt',
] as const;

const TYPE_NAMESPACES = new Set([
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
]);
const SEVERITY_LABELS = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const COMPLIANCE_STATUSES = new Set(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']);
const RECORD_STATES = new Set(['ACTIVE', 'ARCHIVED']);
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov']);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PRODUCT_ARN = /^arn:(aws|aws-cn|aws-us-gov):securityhub:[a-z0-9-]+:\d{12}:product\/[^/]+\/[^/]+$/;
const MAX_TYPES = 50;
const MAX_PRODUCT_FIELD_KEY = 128;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Problems that would make Security Hub `BatchImportFindings` reject the finding: required fields,
 * formats, enumerations and length limits. An empty list means valid.
 */
export function validateAsff(f: unknown): string[] {
  if (!isObject(f)) return ['finding is not an object'];
  const problems: string[] = [];
  const maxLength = (field: string, value: unknown, max: number) => {
    if (typeof value === 'string' && value.length > max) problems.push(`${field} is longer than ${max} characters`);
  };

  for (const key of REQUIRED_STRINGS) {
    if (typeof f[key] !== 'string' || f[key] === '') problems.push(`${key} is required`);
  }
  if (f.SchemaVersion !== undefined && f.SchemaVersion !== ASFF_SCHEMA_VERSION) {
    problems.push(`SchemaVersion must be ${ASFF_SCHEMA_VERSION}`);
  }
  maxLength('Id', f.Id, ASFF_LIMITS.id);
  maxLength('GeneratorId', f.GeneratorId, ASFF_LIMITS.generatorId);
  maxLength('Title', f.Title, ASFF_LIMITS.title);
  maxLength('Description', f.Description, ASFF_LIMITS.description);
  if (typeof f.AwsAccountId === 'string' && !/^\d{12}$/.test(f.AwsAccountId)) {
    problems.push('AwsAccountId must be 12 digits');
  }
  if (typeof f.ProductArn === 'string' && !PRODUCT_ARN.test(f.ProductArn)) {
    problems.push(`ProductArn ${f.ProductArn} is not a Security Hub product ARN`);
  }
  for (const key of ['CreatedAt', 'UpdatedAt'] as const) {
    const v = f[key];
    if (typeof v === 'string' && (!RFC3339.test(v) || Number.isNaN(Date.parse(v)))) {
      problems.push(`${key} is not an RFC 3339 timestamp`);
    }
  }

  problems.push(...validateTypes(f.Types));
  problems.push(...validateSeverity(f.Severity));
  problems.push(...validateResources(f.Resources));
  if (f.Compliance !== undefined) problems.push(...validateCompliance(f.Compliance));
  if (f.RecordState !== undefined && !RECORD_STATES.has(String(f.RecordState))) {
    problems.push('RecordState must be ACTIVE or ARCHIVED');
  }
  if (f.Remediation !== undefined) {
    const rec = isObject(f.Remediation) ? f.Remediation.Recommendation : undefined;
    if (!isObject(rec)) problems.push('Remediation.Recommendation must be an object');
    else maxLength('Remediation.Recommendation.Text', rec.Text, ASFF_LIMITS.remediationText);
  }
  if (f.ProductFields !== undefined) problems.push(...validateProductFields(f.ProductFields));
  if (Buffer.byteLength(JSON.stringify(f)) > ASFF_LIMITS.findingBytes) {
    problems.push(`finding is larger than ${ASFF_LIMITS.findingBytes} bytes`);
  }
  return problems;
}

function validateTypes(types: unknown): string[] {
  if (!Array.isArray(types) || types.length === 0) return ['Types must be a non-empty array'];
  if (types.length > MAX_TYPES) return [`Types has more than ${MAX_TYPES} entries`];
  return types.flatMap((t) => {
    const parts = typeof t === 'string' ? t.split('/') : [];
    const ok = parts.length >= 1 && parts.length <= 3 && TYPE_NAMESPACES.has(parts[0] ?? '') && parts.every((p) => p !== '');
    return ok ? [] : [`Types entry ${JSON.stringify(t)} is not namespace/category/classifier`];
  });
}

function validateSeverity(severity: unknown): string[] {
  if (!isObject(severity)) return ['Severity is required'];
  return SEVERITY_LABELS.has(String(severity.Label)) ? [] : [`Severity.Label ${String(severity.Label)} is not valid`];
}

function validateResources(resources: unknown): string[] {
  if (!Array.isArray(resources) || resources.length === 0) return ['Resources must be a non-empty array'];
  if (resources.length > ASFF_LIMITS.resources) return [`Resources has more than ${ASFF_LIMITS.resources} entries`];
  return resources.flatMap((r: unknown, i) => {
    if (!isObject(r)) return [`Resources[${i}] is not an object`];
    const problems: string[] = [];
    if (typeof r.Type !== 'string' || r.Type === '') problems.push(`Resources[${i}].Type is required`);
    if (typeof r.Id !== 'string' || r.Id === '') problems.push(`Resources[${i}].Id is required`);
    if (r.Partition !== undefined && !PARTITIONS.has(String(r.Partition))) {
      problems.push(`Resources[${i}].Partition ${String(r.Partition)} is not valid`);
    }
    if (r.Region !== undefined && typeof r.Region !== 'string') problems.push(`Resources[${i}].Region must be a string`);
    return problems;
  });
}

function validateCompliance(c: unknown): string[] {
  if (!isObject(c)) return ['Compliance must be an object'];
  const problems: string[] = [];
  if (c.Status !== undefined && !COMPLIANCE_STATUSES.has(String(c.Status))) {
    problems.push(`Compliance.Status ${String(c.Status)} is not valid`);
  }
  if (c.RelatedRequirements !== undefined) {
    const rr = c.RelatedRequirements;
    if (!Array.isArray(rr) || !rr.every((x) => typeof x === 'string')) {
      problems.push('Compliance.RelatedRequirements must be a list of strings');
    } else if (rr.length > ASFF_LIMITS.relatedRequirements) {
      problems.push(`Compliance.RelatedRequirements has more than ${ASFF_LIMITS.relatedRequirements} entries`);
    }
  }
  if (c.AssociatedStandards !== undefined) {
    const as = c.AssociatedStandards;
    if (!Array.isArray(as) || !as.every((x) => isObject(x) && typeof x.StandardsId === 'string')) {
      problems.push('Compliance.AssociatedStandards must be a list of { StandardsId }');
    } else if (as.length > ASFF_LIMITS.associatedStandards) {
      problems.push(`Compliance.AssociatedStandards has more than ${ASFF_LIMITS.associatedStandards} entries`);
    }
  }
  return problems;
}

function validateProductFields(fields: unknown): string[] {
  if (!isObject(fields)) return ['ProductFields must be an object'];
  const entries = Object.entries(fields);
  if (entries.length > ASFF_LIMITS.productFields) return [`ProductFields has more than ${ASFF_LIMITS.productFields} entries`];
  return entries.flatMap(([k, v]) => {
    if (k.length > MAX_PRODUCT_FIELD_KEY) return [`ProductFields key ${k.slice(0, 40)}… is too long`];
    if (typeof v !== 'string') return [`ProductFields.${k} must be a string`];
    return v.length > ASFF_LIMITS.productFieldValue ? [`ProductFields.${k} is too long`] : [];
  });
}
