import type { ControlInfo } from '../../compliance/controls.ts';
import type { Policy } from '../../policy/load.ts';
import type { Store } from '../../store/index.ts';

/** What every dashboard view reads from: the store, the policy in force and its controls, the clock. */
export interface DashboardContext {
  store: Store;
  policy: Policy;
  /** Controls of the frameworks in force, by control id. */
  controls: ReadonlyMap<string, ControlInfo>;
  now: () => Date;
}

/** A request the API refuses: its message is the reason the client sees. */
export class ApiError extends Error {
  readonly status: 400 | 403 | 404;

  constructor(status: 400 | 403 | 404, message: string) {
    super(message);
    this.status = status;
  }
}

export const today = (now: Date) => now.toISOString().slice(0, 10);

/** Numeric-aware order, so `1.10` comes after `1.9`. */
export const byControl = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The framework a view shows: the one asked for, if judged or in force, else the first in force. */
export function pickFramework(ctx: DashboardContext, asked: string | undefined, judged: readonly string[]): string {
  const inForce = ctx.policy.config.frameworks;
  if (asked === undefined) return inForce[0] ?? judged[0] ?? '';
  if (!inForce.includes(asked) && !judged.includes(asked)) {
    throw new ApiError(400, `framework: '${asked}' is neither in force nor judged; known: ${[...new Set([...inForce, ...judged])].join(', ')}`);
  }
  return asked;
}
