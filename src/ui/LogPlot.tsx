import { useId } from 'react';
import { niceTicks } from './CurvePlot';
import './CurvePlot.css';
import './LogPlot.css';

/** One series on a logarithmic y axis; non-positive or non-finite y values leave a gap. */
export interface LogSeries {
  label: string;
  color: string;
  points: readonly (readonly [number, number])[];
  dash?: string;
  /** Draw a dot at every point (for per-layer data). */
  dots?: boolean;
  /** Thinner and paler (e.g. "previous setting"). */
  faint?: boolean;
}

/** Decade range [lo, hi] (powers of ten) covering every positive finite y. */
export function decadeRange(series: readonly LogSeries[], minDecades = 2): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const [, y] of s.points)
      if (y > 0 && Number.isFinite(y)) {
        lo = Math.min(lo, Math.log10(y));
        hi = Math.max(hi, Math.log10(y));
      }
  if (!Number.isFinite(lo)) return [-1, 1];
  let a = Math.floor(lo + 1e-9);
  let b = Math.ceil(hi - 1e-9);
  while (b - a < minDecades) {
    b += 1;
    if (b - a < minDecades) a -= 1;
  }
  return [a, b];
}

/**
 * An SVG line plot with a log₁₀ y axis (ticks at powers of ten written as 10ᵏ) and a
 * linear x axis: for quantities that span many orders of magnitude, such as gradient norms
 * per layer or a loss falling towards a noise floor.
 */
export function LogPlot(props: {
  series: readonly LogSeries[];
  xDomain: readonly [number, number];
  /** x tick values (e.g. layer numbers); defaults to about 8 "nice" values. */
  xTicks?: readonly number[];
  /** Fixed decade range [lo, hi] for y; computed from the data when absent. */
  yDecades?: readonly [number, number];
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
  width?: number;
  height?: number;
  testId?: string;
}) {
  const W = props.width ?? 720;
  const H = props.height ?? 280;
  const m = { l: 52, r: 12, t: 12, b: 40 };
  const [x0, x1raw] = props.xDomain;
  const x1 = x1raw > x0 ? x1raw : x0 + 1;
  const [d0, d1] = props.yDecades ?? decadeRange(props.series);
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (ly: number) => H - m.b - ((ly - d0) / (d1 - d0)) * (H - m.t - m.b);
  const clip = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const every = Math.max(1, Math.ceil((d1 - d0) / 8));
  const yTicks: number[] = [];
  for (let k = d0; k <= d1; k += every) yTicks.push(k);
  const xTicks = props.xTicks ?? niceTicks(x0, x1, 8);

  const toPath = (pts: readonly (readonly [number, number])[]) => {
    let d = '';
    let pen = false;
    for (const [x, y] of pts) {
      if (!(y > 0 && Number.isFinite(y))) {
        pen = false;
        continue;
      }
      // Clamp far outside values so coordinates stay finite; the clip path hides the excess.
      const ly = Math.max(d0 - 2, Math.min(d1 + 2, Math.log10(y)));
      d += `${pen ? 'L' : 'M'}${sx(x).toFixed(2)},${sy(ly).toFixed(2)}`;
      pen = true;
    }
    return d;
  };

  return (
    <figure className="log-plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.ariaLabel} data-testid={props.testId}>
        <defs>
          <clipPath id={clip}>
            <rect x={m.l} y={m.t - 6} width={W - m.l - m.r} height={H - m.t - m.b + 12} />
          </clipPath>
        </defs>
        <rect x={m.l} y={m.t} width={W - m.l - m.r} height={H - m.t - m.b} className="plot-frame" />
        {yTicks.map((k) => (
          <g key={`y${k}`}>
            <line x1={m.l} x2={W - m.r} y1={sy(k)} y2={sy(k)} className="plot-grid" />
            <text x={m.l - 6} y={sy(k) + 4} textAnchor="end" className="log-plot-tick">
              10
              <tspan dy="-6" fontSize="9">
                {k < 0 ? `−${-k}` : k}
              </tspan>
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <g key={`x${v}`}>
            <line x1={sx(v)} x2={sx(v)} y1={H - m.b} y2={H - m.b + 4} className="plot-zero" />
            <text x={sx(v)} y={H - m.b + 16} textAnchor="middle" className="log-plot-tick">
              {v}
            </text>
          </g>
        ))}
        <text x={(m.l + W - m.r) / 2} y={H - 5} textAnchor="middle" className="log-plot-label">
          {props.xLabel}
        </text>
        <text x={13} y={(m.t + H - m.b) / 2} textAnchor="middle" transform={`rotate(-90 13 ${(m.t + H - m.b) / 2})`} className="log-plot-label">
          {props.yLabel}
        </text>
        <g clipPath={`url(#${clip})`}>
          {props.series.map((s, i) => (
            <g key={`${s.label}-${i}`} opacity={s.faint ? 0.55 : 1}>
              <path d={toPath(s.points)} fill="none" stroke={s.color} strokeWidth={s.faint ? 1.5 : 2.2} strokeDasharray={s.dash} strokeLinejoin="round" />
              {s.dots
                ? s.points.map(([x, y], j) =>
                    y > 0 && Number.isFinite(y) ? <circle key={j} cx={sx(x)} cy={sy(Math.max(d0 - 2, Math.min(d1 + 2, Math.log10(y))))} r={s.faint ? 2 : 3} fill={s.color} /> : null,
                  )
                : null}
            </g>
          ))}
        </g>
      </svg>
      {props.series.length > 1 ? (
        <figcaption className="log-plot-legend">
          {props.series.map((s, i) => (
            <span key={`${s.label}-${i}`}>
              <svg width="26" height="10" aria-hidden="true">
                <line x1="1" x2="25" y1="5" y2="5" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash} opacity={s.faint ? 0.55 : 1} />
              </svg>
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
