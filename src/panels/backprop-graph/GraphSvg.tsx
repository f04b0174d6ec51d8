import type { Value } from '../../ml/teach/autodiff';
import { useThemeColors, type ThemeColors } from '../../ui/theme';
import type { BuiltGraph, GraphSpec, LeafKind } from './graphs';

/** Up to 3 significant digits with a real minus sign; exponent form for tiny or huge values. */
export function sig3(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(1) : String(Number(v.toPrecision(3)));
  return s === '-0' ? '0' : s.replace('-', '−');
}

const GLYPH: Partial<Record<Value['op'], string>> = { mul: '×', add: '+', sub: '−', neg: '−', square: '( )²', halfsq: '½( )²', sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', exp: 'exp', log: 'ln' };

/** Node boxes by kind: a tint of the kind's colour behind the theme's text colours. */
const nodeFill = (c: ThemeColors, kind: LeafKind | 'op'): { fill: string; stroke: string } =>
  ({
    input: { fill: `color-mix(in srgb, ${c.grey} 12%, ${c.surface})`, stroke: c.grey },
    param: { fill: `color-mix(in srgb, ${c.blue} 12%, ${c.surface})`, stroke: c.blue },
    target: { fill: `color-mix(in srgb, ${c.orange} 14%, ${c.surface})`, stroke: c.brown },
    op: { fill: c.surface, stroke: c.grey },
  })[kind];

export interface Step {
  mode: 'fwd' | 'bwd';
  node: Value;
}

/**
 * The computational graph as SVG: one box per node (name and operation, value once the
 * forward pass reaches it, ∂L/∂node once the backward pass does), edges along the data flow,
 * the current step highlighted with the nodes it reads.
 */
export function GraphSvg(props: {
  spec: GraphSpec;
  graph: BuiltGraph;
  valueShown: (v: Value) => boolean;
  gradShown: (v: Value) => boolean;
  step: Step | null;
  /** Old values and gradients (before the last edit), to flag what changed. */
  prev: Map<string, { value: number; grad: number }> | null;
  ariaLabel: string;
  wasLabel: string;
}) {
  const { spec, graph, step } = props;
  const colors = useThemeColors();
  const W = 760;
  const mx = 6;
  const my = 8;
  const nodeW = Math.min(124, (W - 2 * mx) / spec.cols - 10);
  const nodeH = 56;
  const rowUnit = 64;
  const colStep = spec.cols > 1 ? (W - 2 * mx - nodeW) / (spec.cols - 1) : 0;
  const maxRow = Math.max(...Object.values(spec.nodes).map((n) => n.row));
  const H = Math.ceil(maxRow * rowUnit + nodeH + 2 * my);
  const pos = (v: Value) => {
    const n = spec.nodes[v.label];
    return { x: mx + n.col * colStep, y: my + n.row * rowUnit };
  };
  const font = nodeW < 95 ? 11 : 12.5;
  const leafKind = new Map(spec.leaves.map((l) => [l.key, l.kind]));

  // Nodes the current step reads: inputs going forward, consumers going backward.
  const related = new Set<Value>();
  if (step) (step.mode === 'fwd' ? step.node.parents : (graph.users.get(step.node) ?? [])).forEach((v) => related.add(v));
  const edgeActive = (from: Value, to: Value) => !!step && (step.mode === 'fwd' ? to === step.node : from === step.node);

  const changed = (v: Value, shown: boolean, now: number, key: 'value' | 'grad') => {
    const old = props.prev?.get(v.label);
    return shown && old ? (Math.abs(old[key] - now) > 1e-12 * Math.max(1, Math.abs(now)) ? old[key] : null) : null;
  };

  return (
    <svg className="bp-graph" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.ariaLabel} data-testid="bp-graph">
      <defs>
        <marker id="bp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={colors.plotAxis} />
        </marker>
        <marker id="bp-arrow-on" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={colors.orange} />
        </marker>
      </defs>
      {graph.order.flatMap((to) =>
        [...new Set(to.parents)].map((from) => {
          const a = pos(from);
          const b = pos(to);
          const x1 = a.x + nodeW;
          const y1 = a.y + nodeH / 2;
          const x2 = b.x - 2;
          const y2 = b.y + nodeH / 2;
          const mid = (x1 + x2) / 2;
          const on = edgeActive(from, to);
          return (
            <path
              key={`${from.label}-${to.label}`}
              d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
              fill="none"
              stroke={on ? colors.orange : colors.plotAxis}
              strokeWidth={on ? 2.6 : 1.4}
              markerEnd={`url(#${on ? 'bp-arrow-on' : 'bp-arrow'})`}
            />
          );
        }),
      )}
      {graph.order.map((v) => {
        const { x, y } = pos(v);
        const info = spec.nodes[v.label];
        const kind = v.op === 'leaf' ? (leafKind.get(v.label) ?? 'input') : 'op';
        const c = nodeFill(colors, kind);
        const isCurrent = step?.node === v;
        const vShown = props.valueShown(v);
        const gShown = props.gradShown(v);
        const oldV = changed(v, vShown, v.data, 'value');
        const oldG = changed(v, gShown, v.grad, 'grad');
        const title = [oldV != null ? `${props.wasLabel} ${info.text} = ${sig3(oldV)}` : '', oldG != null ? `${props.wasLabel} ∂L/∂${info.text} = ${sig3(oldG)}` : ''].filter(Boolean).join('; ');
        return (
          <g key={v.label} data-node={v.label}>
            {title ? <title>{title}</title> : null}
            <rect
              x={x}
              y={y}
              width={nodeW}
              height={nodeH}
              rx={9}
              style={{ fill: c.fill }}
              stroke={isCurrent ? colors.focus : related.has(v) ? colors.orange : c.stroke}
              strokeWidth={isCurrent ? 3.5 : related.has(v) ? 2.2 : 1.3}
              strokeDasharray={related.has(v) && !isCurrent ? '5 3' : undefined}
            />
            <text x={x + 8} y={y + 17} className="bp-node-name" fontSize={font + 1}>
              {info.text}
              {GLYPH[v.op] ? (
                <tspan className="bp-node-op" fontSize={font}>
                  {'  '}
                  {GLYPH[v.op]}
                </tspan>
              ) : null}
            </text>
            <text x={x + 8} y={y + 34} className="bp-node-value" fontSize={font}>
              {vShown ? `= ${sig3(v.data)}` : '= ?'}
            </text>
            <text x={x + 8} y={y + 50} className={gShown ? 'bp-node-grad' : 'bp-node-grad bp-hidden'} fontSize={font - 0.5}>
              {`${nodeW >= 100 ? `∂L/∂${info.text} = ` : '∂ '}${gShown ? sig3(v.grad) : '?'}`}
            </text>
            {oldV != null || oldG != null ? <circle cx={x + nodeW - 8} cy={y + 9} r={4.5} fill={colors.orange} /> : null}
          </g>
        );
      })}
    </svg>
  );
}
