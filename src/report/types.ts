import type { Finding } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import type { Framework } from '../frameworks/types.ts';

export interface ReportAccount {
  id: string;
  name?: string;
}

/** Everything a report writer needs; every writer is a pure function of it. */
export interface ReportInput {
  scan: ScanRecord;
  framework: Framework;
  /** Every result of the scan, including PASS, MANUAL, NOT_APPLICABLE and ERROR. */
  findings: Finding[];
  accounts: ReportAccount[];
  /** AWS partition of the scanned organization, e.g. `aws`. */
  partition: string;
  /** Region that ASFF findings about global resources are filed under, e.g. `us-east-1`. */
  globalRegion: string;
}
