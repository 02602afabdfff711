export interface Requirement {
  /** Requirement id as printed in the benchmark, e.g. `1.4` or `2.1.1`. */
  id: string;
  title: string;
  /** Section title, e.g. `Identity and Access Management`. */
  section: string;
  level: 1 | 2;
  /** Ids of the checks whose results decide (or, for manual requirements, evidence) this requirement. */
  checks: string[];
  /** Assessed by a person: results are reported as MANUAL, with any automated evidence attached. */
  manual?: boolean;
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  requirements: Requirement[];
}
