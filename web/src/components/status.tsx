import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.ts';
import { percent } from '../format.ts';
import { CELL_STATUSES, type CellStatus } from '../types.ts';

export const STATUS_LABEL: Record<CellStatus, string> = {
  compliant: 'Compliant',
  non_compliant: 'Non-compliant',
  excepted: 'Excepted',
  disabled: 'Disabled',
  unknown: 'Unknown',
};

/** Colour alone must not carry meaning: every badge also says its value in words. */
export function SeverityBadge({ severity }: { severity: string }) {
  return <span class={`badge sev-${severity.toLowerCase()}`}>{severity}</span>;
}

export function FindingStatus({ status }: { status: string }) {
  return <span class={`badge fstatus-${status.toLowerCase()}`}>{status}</span>;
}

export function StatusLegend() {
  return (
    <ul class="legend" aria-label="Legend">
      {CELL_STATUSES.map((s) => (
        <li key={s}>
          <span class={`swatch cell-${s}`} aria-hidden="true" />
          {STATUS_LABEL[s]}
        </li>
      ))}
      <li>
        <span class="swatch cell-none" aria-hidden="true" />
        No data
      </li>
      <li class="legend-note">Number in a cell: days the current status has lasted</li>
    </ul>
  );
}

export function ErrorBox({ error }: { error: ApiError }) {
  return (
    <div class="error" role="alert">
      <strong>{error.status ? `Error ${error.status}: ` : 'Error: '}</strong>
      {error.message}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" aria-live="polite">
      Loading…
    </p>
  );
}

export function Card({ title, children, class: cls, busy }: { title: string; children: ComponentChildren; class?: string; busy?: boolean }) {
  return (
    <section class={`card ${cls ?? ''}`} aria-label={title} aria-busy={busy}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** A rate as a bar with its number beside it (the number is what assistive tech reads). */
export function RateBar({ rate }: { rate: number | null }) {
  return (
    <span class="ratebar">
      <meter min={0} max={1} low={0.7} high={0.9} optimum={1} value={rate ?? 0} aria-hidden="true" />
      <span>{percent(rate)}</span>
    </span>
  );
}
