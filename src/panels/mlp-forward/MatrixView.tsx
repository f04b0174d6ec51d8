import { fixed } from '../../ui/formatNumber';
import { NumberField } from '../../ui/NumberField';

/**
 * A bracketed matrix (or column vector) with its name and shape underneath. Editable
 * entries are number fields with ids `${idPrefix}-${row}-${col}` so the graph can focus them.
 */
export function MatrixView(props: {
  name: string;
  values: readonly (readonly number[])[];
  onEdit?: (row: number, col: number, v: number) => void;
  idPrefix?: string;
  entryLabel?: (row: number, col: number) => string;
  digits?: number;
  highlight?: boolean;
}) {
  const rows = props.values.length;
  const cols = props.values[0]?.length ?? 0;
  return (
    <div className="mlp-matrix-wrap">
      <table className={props.highlight ? 'mlp-matrix mlp-matrix-result' : 'mlp-matrix'} aria-label={`${props.name} (${rows}×${cols})`}>
        <tbody>
          {props.values.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) =>
                props.onEdit ? (
                  <td key={j}>
                    <span id={props.idPrefix ? `${props.idPrefix}-${i}-${j}` : undefined} className="mlp-entry">
                      <NumberField value={v} label={props.entryLabel?.(i, j) ?? `${props.name} ${i + 1},${j + 1}`} min={-10} max={10} step={0.1} onChange={(nv) => props.onEdit?.(i, j, nv)} />
                    </span>
                  </td>
                ) : (
                  <td key={j} className="mlp-read">
                    {fixed(v, props.digits ?? 2)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mlp-matrix-name">
        {props.name}
        <span className="mlp-shape">
          {rows}×{cols}
        </span>
      </div>
    </div>
  );
}

/** A column vector as a one-column matrix. */
export const col = (v: readonly number[]) => v.map((x) => [x]);
