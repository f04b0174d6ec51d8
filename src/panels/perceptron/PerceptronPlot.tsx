import { useRef, type MouseEvent } from 'react';
import { niceTicks } from '../../ui/CurvePlot';
import { useThemeColors, type ThemeColors } from '../../ui/theme';
import { boundarySegment, positiveRegion, predictClass, type Box, type LabeledPoint, type Label, type Params } from '../../ml/teach/perceptron';

/** Class colours (blue circles, orange squares) from the theme; regions are tints of them (perceptron.css). */
export const classColors = (c: ThemeColors) => ({ 1: c.blue, 0: c.orange }) as const;

const S = 400;
const M = { l: 46, r: 10, t: 10, b: 36 };

/**
 * The 2-D data, the decision boundary w₁x₁ + w₂x₂ + b = 0 with its two shaded half-planes,
 * the weight vector w (normal to the boundary, pointing to class 1), and the example the last
 * step visited. Clicking adds a class-1 point, shift-clicking a class-0 point.
 */
export function PerceptronPlot(props: {
  points: readonly LabeledPoint[];
  params: Params;
  previous: Params | null;
  box: Box;
  highlight: number | null;
  onAdd(x1: number, x2: number, label: Label): void;
  ariaLabel: string;
  axis: { x1: string; x2: string; w: string };
}) {
  const { min, max } = props.box;
  const sx = (x: number) => M.l + ((x - min) / (max - min)) * (S - M.l - M.r);
  const sy = (y: number) => S - M.b - ((y - min) / (max - min)) * (S - M.t - M.b);
  const svg = useRef<SVGSVGElement>(null);
  const colors = useThemeColors();
  const classColor = classColors(colors);
  const poly = (pts: [number, number][]) => pts.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ');

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const r = svg.current?.getBoundingClientRect();
    if (!r) return;
    const px = ((e.clientX - r.left) / r.width) * S;
    const py = ((e.clientY - r.top) / r.height) * S;
    const x1 = min + ((px - M.l) / (S - M.l - M.r)) * (max - min);
    const x2 = min + ((S - M.b - py) / (S - M.t - M.b)) * (max - min);
    if (x1 < min || x1 > max || x2 < min || x2 > max) return;
    const round = (v: number) => Math.round(v * 100) / 100;
    props.onAdd(round(x1), round(x2), e.shiftKey ? 0 : 1);
  };

  const p = props.params;
  const seg = boundarySegment(p, props.box);
  const prevSeg = props.previous ? boundarySegment(props.previous, props.box) : null;
  const norm = Math.hypot(p.w1, p.w2);
  // Anchor the normal arrow at the point of the line closest to the origin, or mid-segment if that is off-screen.
  let arrow: { x: number; y: number; dx: number; dy: number } | null = null;
  if (seg && norm > 0) {
    let fx = (-p.b * p.w1) / (norm * norm);
    let fy = (-p.b * p.w2) / (norm * norm);
    if (fx < min || fx > max || fy < min || fy > max) [fx, fy] = [(seg[0][0] + seg[1][0]) / 2, (seg[0][1] + seg[1][1]) / 2];
    arrow = { x: sx(fx), y: sy(fy), dx: (p.w1 / norm) * 42, dy: (-p.w2 / norm) * 42 };
  }
  const ticks = niceTicks(min, max, 5);
  return (
    <svg ref={svg} viewBox={`0 0 ${S} ${S}`} className="perceptron-plot" role="img" aria-label={props.ariaLabel} onClick={onClick} data-testid="perceptron-canvas">
      <defs>
        <marker id="perceptron-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={colors.ink} />
        </marker>
      </defs>
      <rect x={M.l} y={M.t} width={S - M.l - M.r} height={S - M.t - M.b} className="perceptron-region-0" />
      <polygon points={poly(positiveRegion(p, props.box))} className="perceptron-region-1" />
      {ticks.map((v) => (
        <g key={v}>
          <line x1={sx(v)} x2={sx(v)} y1={M.t} y2={S - M.b} className={v === 0 ? 'plot-zero' : 'perceptron-grid'} />
          <line x1={M.l} x2={S - M.r} y1={sy(v)} y2={sy(v)} className={v === 0 ? 'plot-zero' : 'perceptron-grid'} />
          <text x={sx(v)} y={S - M.b + 15} textAnchor="middle" className="plot-tick">
            {v}
          </text>
          <text x={M.l - 5} y={sy(v) + 4} textAnchor="end" className="plot-tick">
            {v}
          </text>
        </g>
      ))}
      <rect x={M.l} y={M.t} width={S - M.l - M.r} height={S - M.t - M.b} fill="none" stroke={colors.plotAxis} />
      <text x={(M.l + S - M.r) / 2} y={S - 3} textAnchor="middle" className="plot-label">
        {props.axis.x1}
      </text>
      <text x={11} y={(M.t + S - M.b) / 2} textAnchor="middle" transform={`rotate(-90 11 ${(M.t + S - M.b) / 2})`} className="plot-label">
        {props.axis.x2}
      </text>
      {prevSeg ? (
        <line x1={sx(prevSeg[0][0])} y1={sy(prevSeg[0][1])} x2={sx(prevSeg[1][0])} y2={sy(prevSeg[1][1])} stroke={colors.grey} strokeWidth={1.5} strokeDasharray="5 4" opacity={0.7} />
      ) : null}
      {seg ? <line x1={sx(seg[0][0])} y1={sy(seg[0][1])} x2={sx(seg[1][0])} y2={sy(seg[1][1])} stroke={colors.ink} strokeWidth={2.5} /> : null}
      {arrow ? (
        <g>
          <line x1={arrow.x} y1={arrow.y} x2={arrow.x + arrow.dx} y2={arrow.y + arrow.dy} stroke={colors.ink} strokeWidth={2} markerEnd="url(#perceptron-arrow)" />
          <text x={arrow.x + arrow.dx * 1.3} y={arrow.y + arrow.dy * 1.3 + 4} textAnchor="middle" className="perceptron-w">
            {props.axis.w}
          </text>
        </g>
      ) : null}
      {props.points.map((pt, i) => {
        const x = sx(pt.x1);
        const y = sy(pt.x2);
        const wrong = predictClass(p, pt) !== pt.label;
        const c = classColor[pt.label];
        return (
          <g key={i}>
            {i === props.highlight ? <circle cx={x} cy={y} r={15} fill="none" stroke={colors.focus} strokeWidth={4} /> : null}
            {pt.label === 1 ? <circle cx={x} cy={y} r={7} fill={c} stroke={colors.plotBg} strokeWidth={1.5} /> : <rect x={x - 6.5} y={y - 6.5} width={13} height={13} fill={c} stroke={colors.plotBg} strokeWidth={1.5} />}
            {wrong ? <circle cx={x} cy={y} r={10.5} fill="none" stroke={colors.red} strokeWidth={2} strokeDasharray="3 2" /> : null}
          </g>
        );
      })}
    </svg>
  );
}
