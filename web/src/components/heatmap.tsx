import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { STATUS_LABEL } from './status.tsx';
import { Link } from '../router.tsx';
import { accountLabel, controlNumber, plural } from '../format.ts';
import type { HeatAccount, HeatCell, HeatControl, Heatmap } from '../types.ts';

/**
 * Rows drawn all at once; beyond them only the rows in view (and a margin) are. 1,000 accounts × 34
 * controls as buttons took Chromium 6 s to draw and 1.3 s to redraw on every click.
 */
const ALL_ROWS_UP_TO = 150;
/** Drawn beyond the view on each side, so a scroll shows rows already there. */
const MARGIN_PX = 600;
/**
 * The scroll position is taken in steps of this much: the rows drawn change (and the grid is drawn
 * again) once per step instead of on every frame of a scroll, and the margin still covers the view.
 */
const SCROLL_STEP_PX = MARGIN_PX / 2;

/**
 * Distance from one row's top to the next's, by kind, the table's spacing between rows, and the
 * sticky header's height; guessed until rows have been measured.
 */
interface Pitch {
  ou: number;
  account: number;
  gap: number;
  head: number;
}
const GUESSED_PITCH: Pitch = { ou: 31, account: 37, gap: 2, head: 90 };
/** Renders a linked cell may take to land in view while row heights are measured and rows drawn. */
const SCROLL_ATTEMPTS = 5;

type Row = { kind: 'ou'; ou: string; accounts: number } | { kind: 'account'; account: HeatAccount };

function cellLabel(account: HeatAccount, control: HeatControl, cell: HeatCell | undefined): string {
  const who = `${accountLabel(account.id, account.name)}, ${controlNumber(control.id)} ${control.title}`;
  if (!cell) return `${who}: no data`;
  const parts = [STATUS_LABEL[cell.status]];
  if (cell.streak > 0) parts.push(`for ${plural(cell.streak, 'day')}`);
  if (cell.failing > 0) parts.push(`${plural(cell.failing, 'failing resource')}`);
  return `${who}: ${parts.join(', ')}`;
}

/** OU rows and account rows in order, keeping the accounts whose id, name or OU contains `filter`. */
function rowsOf(data: Heatmap, filter: string): Row[] {
  const wanted = filter.trim().toLowerCase();
  const rows: Row[] = [];
  for (const g of data.groups) {
    const ouMatches = g.ou.toLowerCase().includes(wanted);
    const accounts = wanted && !ouMatches ? g.accounts.filter((a) => a.id.includes(wanted) || (a.name ?? '').toLowerCase().includes(wanted)) : g.accounts;
    if (accounts.length === 0) continue;
    rows.push({ kind: 'ou', ou: g.ou, accounts: accounts.length });
    for (const account of accounts) rows.push({ kind: 'account', account });
  }
  return rows;
}

/** The scroll position (in steps of SCROLL_STEP_PX) and height of the grid's scroller, as they change. */
function useViewport(scroller: { current: HTMLDivElement | null }): { top: number; height: number } {
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const top = Math.floor(el.scrollTop / SCROLL_STEP_PX) * SCROLL_STEP_PX;
      const height = el.clientHeight;
      // The same state object: nothing is drawn again.
      setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    el.addEventListener('scroll', later, { passive: true });
    const resized = new ResizeObserver(later);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', later);
      resized.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scroller]);
  return view;
}

/** Accounts (rows, grouped under their OU) × controls (columns); each cell a button naming its content. */
export function HeatmapGrid({
  data,
  selected,
  onSelect,
}: {
  data: Heatmap;
  selected: { account: string; control: string } | null;
  onSelect: (account: string, control: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => rowsOf(data, filter), [data, filter]);
  const accountCount = useMemo(() => rows.filter((r) => r.kind === 'account').length, [rows]);
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const view = useViewport(scroller);
  const [pitch, setPitch] = useState<Pitch>(GUESSED_PITCH);
  const windowed = rows.length > ALL_ROWS_UP_TO;
  // tops[i]: where row i starts below the header; tops[rows.length]: the height of them all.
  const tops = useMemo(() => {
    const out = new Float64Array(rows.length + 1);
    rows.forEach((r, i) => (out[i + 1] = out[i]! + pitch[r.kind]));
    return out;
  }, [rows, pitch]);

  // Rows of a kind all have the same height; measured from drawn ones, with the table's spacing and
  // the header's height. Only a windowed grid places rows by them; a grid drawn whole needs none.
  useLayoutEffect(() => {
    if (!windowed) return;
    const drawn = [...(body.current?.querySelectorAll<HTMLTableRowElement>('tr[aria-rowindex]') ?? [])];
    if (drawn.length < 2) return;
    const [a, b] = [drawn[0]!.getBoundingClientRect(), drawn[1]!.getBoundingClientRect()];
    const gap = b.top - a.bottom;
    const height = (kind: string) => drawn.find((tr) => tr.dataset.kind === kind)?.getBoundingClientRect().height;
    const measured = { ou: (height('ou') ?? pitch.ou - gap) + gap, account: (height('account') ?? pitch.account - gap) + gap, gap, head: head.current?.offsetHeight ?? pitch.head };
    const changed = (k: keyof Pitch) => Math.abs(measured[k] - pitch[k]) > 0.5;
    if (changed('ou') || changed('account') || changed('head')) setPitch(measured);
  });

  // A cell opened from a link may be far down: its row is brought into view below the sticky header,
  // by where it is when drawn, else by where it should be (again on the next renders, if row heights
  // were still guesses or the row was not drawn yet).
  const opened = selected?.account;
  const pendingScroll = useRef<{ account: string; attempts: number } | null>(null);
  useLayoutEffect(() => {
    pendingScroll.current = opened ? { account: opened, attempts: 0 } : null;
    // Only when the data or the opened account changes, not on every scroll.
  }, [data, opened]);
  useLayoutEffect(() => {
    const pending = pendingScroll.current;
    const el = scroller.current;
    if (!pending || !el) return;
    const row = body.current?.querySelector(`tr[data-account="${CSS.escape(pending.account)}"]`);
    const box = el.getBoundingClientRect();
    const header = head.current?.offsetHeight ?? 0;
    const at = row?.getBoundingClientRect();
    if ((at && at.top >= box.top + header && at.bottom <= box.bottom) || ++pending.attempts > SCROLL_ATTEMPTS) {
      pendingScroll.current = null;
      return;
    }
    const index = rows.findIndex((r) => r.kind === 'account' && r.account.id === pending.account);
    if (index < 0) pendingScroll.current = null;
    else if (at) el.scrollTop += at.top - box.top - header - (el.clientHeight - header - at.height) / 2;
    else el.scrollTop = Math.max(0, tops[index]! + header - el.clientHeight / 2);
  });

  const offset = pitch.head;
  const rowAt = (y: number) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tops[mid + 1]! <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = windowed ? rowAt(view.top - offset - MARGIN_PX) : 0;
  const last = windowed ? Math.min(rows.length, rowAt(view.top - offset + Math.max(view.height, MARGIN_PX) + MARGIN_PX) + 1) : rows.length;
  const columns = data.controls.length + 1;
  const spacer = (height: number, key: string) =>
    height > 0 && (
      <tr key={key} aria-hidden="true" class="spacer">
        <td colSpan={columns} style={{ height: `${height}px` }} />
      </tr>
    );

  return (
    <div class="heatmap-grid">
      <label class="heatmap-filter">
        Filter <input type="search" value={filter} placeholder="account id, name or OU" onInput={(e) => setFilter(e.currentTarget.value)} />
        <span class="muted">
          {plural(accountCount, 'account')}
        </span>
      </label>
      <div class="heatmap-scroll" ref={scroller}>
        <table class="heatmap" aria-rowcount={rows.length + 1}>
          <thead ref={head}>
            <tr aria-rowindex={1}>
              <th scope="col" class="corner">
                Account
              </th>
              {data.controls.map((c) => (
                <th key={c.id} scope="col" class="control-head" title={`${c.id}: ${c.title}`}>
                  <span>{controlNumber(c.id)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {spacer(tops[first]! - pitch.gap, 'before')}
            {rows.slice(first, last).map((row, i) =>
              row.kind === 'ou' ? (
                <tr key={`ou ${row.ou}`} class="ou-row" data-kind="ou" aria-rowindex={first + i + 2}>
                  <th scope="rowgroup" colSpan={columns}>
                    {row.ou} <span class="muted">({plural(row.accounts, 'account')})</span>
                  </th>
                </tr>
              ) : (
                <AccountRow key={row.account.id} index={first + i + 2} account={row.account} controls={data.controls} selected={selected?.account === row.account.id ? selected.control : null} onSelect={onSelect} />
              ),
            )}
            {spacer(tops[rows.length]! - tops[last]! - pitch.gap, 'after')}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function AccountRow({
  index,
  account: a,
  controls,
  selected,
  onSelect,
}: {
  index: number;
  account: HeatAccount;
  controls: HeatControl[];
  selected: string | null;
  onSelect: (account: string, control: string) => void;
}) {
  return (
    <tr data-kind="account" data-account={a.id} aria-rowindex={index}>
      <th scope="row" class="account-head">
        <Link href={`/accounts/${encodeURIComponent(a.id)}`}>{a.name ?? a.id}</Link>
        {a.name && <span class="muted"> {a.id}</span>}
      </th>
      {controls.map((c) => {
        const cell = a.cells[c.id];
        const isSelected = selected === c.id;
        const label = cellLabel(a, c, cell);
        return (
          <td key={c.id} class={`cell cell-${cell?.status ?? 'none'}${isSelected ? ' selected' : ''}`}>
            {cell ? (
              <button
                type="button"
                aria-label={label}
                title={label}
                aria-pressed={isSelected}
                data-cell={`${a.id} ${c.id}`}
                onClick={() => onSelect(a.id, c.id)}
              >
                {cell.streak > 0 ? cell.streak : ''}
              </button>
            ) : (
              <span class="sr-only">{label}</span>
            )}
          </td>
        );
      })}
    </tr>
  );
}
