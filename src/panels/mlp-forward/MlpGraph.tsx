import type { ForwardTrace, MlpParams } from '../../ml/teach/mlp';
import { fixed, short } from '../../ui/formatNumber';
import { useThemeColors } from '../../ui/theme';

const W = 600;
const H = 330;
const COL = [70, 300, 530];
const R = 34;
const ys = (n: number) => Array.from({ length: n }, (_, i) => (H / (n + 1)) * (i + 1) + 8);

/** Which weight an edge is, so a click can focus its input in the matrix view. */
export type EdgeRef = { layer: 1 | 2; row: number; col: number };

/**
 * The network as a graph: every edge labelled with its weight (blue positive, orange
 * negative, thicker when larger), every node with its values: inputs x, hidden z and a,
 * outputs z and the softmax probability ŷ.
 */
export function MlpGraph(props: { params: MlpParams; trace: ForwardTrace; actName: string; ariaLabel: string; onEdge(e: EdgeRef): void }) {
  const { params: p, trace: tr } = props;
  const colors = useThemeColors();
  const POS = colors.blue;
  const NEG = colors.orange;
  const yIn = ys(tr.x.length);
  const yHid = ys(tr.z1.length);
  const yOut = ys(tr.z2.length);

  const edge = (key: string, x1: number, y1: number, x2: number, y2: number, w: number, ref: EdgeRef) => {
    // Labels sit 30% along the edge from the source, where the fan-out keeps them apart.
    const lx = x1 + (x2 - x1) * 0.3;
    const ly = y1 + (y2 - y1) * 0.3;
    const label = short(w, 2);
    return (
      <g key={key} className="mlp-edge" onClick={() => props.onEdge(ref)}>
        <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={w >= 0 ? POS : NEG} strokeWidth={0.8 + Math.min(5, Math.abs(w) * 1.6)} opacity={w === 0 ? 0.25 : 0.8} />
        <rect x={lx - label.length * 3.7 - 3} y={ly - 9} width={label.length * 7.4 + 6} height={17} rx={4} fill={colors.surface} stroke={w >= 0 ? POS : NEG} strokeWidth={0.8} />
        <text x={lx} y={ly + 4} textAnchor="middle" className="mlp-edge-label" fill={w >= 0 ? POS : NEG}>
          {label}
        </text>
      </g>
    );
  };

  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="mlp-graph" role="img" aria-label={props.ariaLabel}>
      <text x={COL[0]} y={16} textAnchor="middle" className="mlp-col">x</text>
      <text x={COL[1]} y={16} textAnchor="middle" className="mlp-col">h = {props.actName}(z)</text>
      <text x={COL[2]} y={16} textAnchor="middle" className="mlp-col">ŷ = softmax(z)</text>
      {p.W1.map((row, i) => row.map((w, j) => edge(`a${i}${j}`, COL[0] + R, yIn[j], COL[1] - R, yHid[i], w, { layer: 1, row: i, col: j })))}
      {p.W2.map((row, k) => row.map((w, i) => edge(`b${k}${i}`, COL[1] + R, yHid[i], COL[2] - R, yOut[k], w, { layer: 2, row: k, col: i })))}
      {tr.x.map((v, j) => (
        <g key={`x${j}`}>
          <circle cx={COL[0]} cy={yIn[j]} r={R} className="mlp-node mlp-node-in" />
          <text x={COL[0]} y={yIn[j] - 5} textAnchor="middle" className="mlp-node-name">x{'₁₂₃'[j]}</text>
          <text x={COL[0]} y={yIn[j] + 14} textAnchor="middle" className="mlp-node-val">{fixed(v, 2)}</text>
        </g>
      ))}
      {tr.z1.map((z, i) => (
        <g key={`h${i}`}>
          <circle cx={COL[1]} cy={yHid[i]} r={R} className={tr.a1[i] === 0 ? 'mlp-node mlp-node-off' : 'mlp-node mlp-node-hid'} />
          <text x={COL[1]} y={yHid[i] - 6} textAnchor="middle" className="mlp-node-val">z {fixed(z, 2)}</text>
          <text x={COL[1]} y={yHid[i] + 13} textAnchor="middle" className="mlp-node-val mlp-strong">a {fixed(tr.a1[i], 2)}</text>
          <text x={COL[1]} y={yHid[i] + R + 13} textAnchor="middle" className="mlp-bias">b {short(p.b1[i], 2)}</text>
        </g>
      ))}
      {tr.z2.map((z, k) => (
        <g key={`o${k}`}>
          <circle cx={COL[2]} cy={yOut[k]} r={R} className="mlp-node mlp-node-out" style={{ fill: `color-mix(in srgb, var(--series-green) ${Math.round(100 * (0.08 + 0.35 * tr.yhat[k]))}%, transparent)` }} />
          <text x={COL[2]} y={yOut[k] - 6} textAnchor="middle" className="mlp-node-val">z {fixed(z, 2)}</text>
          <text x={COL[2]} y={yOut[k] + 13} textAnchor="middle" className="mlp-node-val mlp-strong">ŷ {fixed(tr.yhat[k], 3)}</text>
          <text x={COL[2]} y={yOut[k] + R + 13} textAnchor="middle" className="mlp-bias">b {short(p.b2[k], 2)}</text>
        </g>
      ))}
    </svg>
  );
}
