import { Fragment } from 'preact';
import { STATUS_LABEL } from './status.tsx';
import { Link } from '../router.tsx';
import { accountLabel, controlNumber, plural } from '../format.ts';
import type { HeatAccount, HeatCell, HeatControl, Heatmap } from '../types.ts';

function cellLabel(account: HeatAccount, control: HeatControl, cell: HeatCell | undefined): string {
  const who = `${accountLabel(account.id, account.name)}, ${controlNumber(control.id)} ${control.title}`;
  if (!cell) return `${who}: no data`;
  const parts = [STATUS_LABEL[cell.status]];
  if (cell.streak > 0) parts.push(`for ${plural(cell.streak, 'day')}`);
  if (cell.failing > 0) parts.push(`${plural(cell.failing, 'failing resource')}`);
  return `${who}: ${parts.join(', ')}`;
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
  return (
    <div class="heatmap-scroll">
      <table class="heatmap">
        <thead>
          <tr>
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
        <tbody>
          {data.groups.map((g) => (
            <Fragment key={g.ou}>
              <tr class="ou-row">
                <th scope="rowgroup" colSpan={data.controls.length + 1}>
                  {g.ou}
                </th>
              </tr>
              {g.accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row" class="account-head">
                    <Link href={`/accounts/${encodeURIComponent(a.id)}`}>{a.name ?? a.id}</Link>
                    {a.name && <span class="muted"> {a.id}</span>}
                  </th>
                  {data.controls.map((c) => {
                    const cell = a.cells[c.id];
                    const isSelected = selected?.account === a.id && selected.control === c.id;
                    return (
                      <td key={c.id} class={`cell cell-${cell?.status ?? 'none'}${isSelected ? ' selected' : ''}`}>
                        {cell ? (
                          <button
                            type="button"
                            aria-label={cellLabel(a, c, cell)}
                            title={cellLabel(a, c, cell)}
                            aria-pressed={isSelected}
                            data-cell={`${a.id} ${c.id}`}
                            onClick={() => onSelect(a.id, c.id)}
                          >
                            {cell.streak > 0 ? cell.streak : ''}
                          </button>
                        ) : (
                          <span class="sr-only">{cellLabel(a, c, cell)}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
