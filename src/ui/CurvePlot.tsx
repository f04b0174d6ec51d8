import { useEffect, useId, useRef, useState, type PointerEvent } from 'react';
import './CurvePlot.css';

/** One curve: points in data coordinates; a non-finite y leaves a gap. */
export interface Curve {
  label: string;
  color: string;
  points: readonly (readonly [number, number])[];
  dash?: string;
  width?: number;
  /** Drawn faintly and left out of the legend (e.g. "compare" curves). */
  faint?: boolean;
}

export interface PlotMarker {
  x: number;
  y: number;
  color: string;
}

/** Samples f on [a, b] at n + 1 evenly spaced points. */
export function sampleCurve(f: (x: number) => number, a: number, b: number, n = 240): [number, number][] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = a + ((b - a) * i) / n;
    return [x, f(x)];
  });
}

/** "Nice" tick values (1, 2, 5 × 10ᵏ steps) covering [a, b]. */
export function niceTicks(a: number, b: number, count = 6): number[] {
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= b + 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

const fmtTick = (v: number) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(0) : String(v));

/**
 * A small, crisp function plot in SVG: axes with ticks and labels, several curves, a vertical
 * cursor and dots on it. Pointer movement reports the x under the pointer so a panel can
 * move its cursor; the panel supplies a keyboard control for the same value.
 */
export function CurvePlot(props: {
  curves: readonly Curve[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
  cursorX?: number | null;
  markers?: readonly PlotMarker[];
  onPointerX?: (x: number) => void;
  width?: number;
  height?: number;
  legend?: boolean;
  testId?: string;
}) {
  const box = useRef<HTMLElement>(null);
  // Draw at the real pixel width so tick labels keep their size whatever the column width.
  const [measured, setMeasured] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setMeasured(Math.round(el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const W = measured > 0 ? measured : (props.width ?? 560);
  const H = props.height ?? 260;
  const m = { l: 46, r: 12, t: 12, b: 38 };
  const [x0, x1] = props.xDomain;
  const [y0, y1] = props.yDomain;
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (y: number) => H - m.b - ((y - y0) / (y1 - y0)) * (H - m.t - m.b);
  const clip = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const svg = useRef<SVGSVGElement>(null);

  const path = (pts: readonly (readonly [number, number])[]) => {
    let d = '';
    let pen = false;
    for (const [x, y] of pts) {
      if (!Number.isFinite(y)) {
        pen = false;
        continue;
      }
      // Clamp far-off values so the path stays finite; the clip path hides the excess.
      const yy = Math.max(y0 - (y1 - y0), Math.min(y1 + (y1 - y0), y));
      d += `${pen ? 'L' : 'M'}${sx(x).toFixed(2)},${sy(yy).toFixed(2)}`;
      pen = true;
    }
    return d;
  };

  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    if (!props.onPointerX || !svg.current) return;
    const r = svg.current.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * W;
    const x = x0 + ((px - m.l) / (W - m.l - m.r)) * (x1 - x0);
    if (x >= x0 && x <= x1) props.onPointerX(x);
  };

  const xt = niceTicks(x0, x1);
  const yt = niceTicks(y0, y1, 5);
  const shown = props.curves.filter((c) => !c.faint);
  return (
    <figure className="curve-plot" ref={box}>
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={props.ariaLabel}
        onPointerMove={onMove}
        onPointerDown={onMove}
        data-testid={props.testId}
        style={{ touchAction: props.onPointerX ? 'none' : undefined }}
      >
        <defs>
          <clipPath id={clip}>
            <rect x={m.l} y={m.t} width={W - m.l - m.r} height={H - m.t - m.b} />
          </clipPath>
        </defs>
        <rect x={m.l} y={m.t} width={W - m.l - m.r} height={H - m.t - m.b} className="plot-frame" />
        {xt.map((v) => (
          <g key={`x${v}`}>
            <line x1={sx(v)} x2={sx(v)} y1={m.t} y2={H - m.b} className={v === 0 ? 'plot-zero' : 'plot-grid'} />
            <text x={sx(v)} y={H - m.b + 15} textAnchor="middle" className="plot-tick">
              {fmtTick(v)}
            </text>
          </g>
        ))}
        {yt.map((v) => (
          <g key={`y${v}`}>
            <line x1={m.l} x2={W - m.r} y1={sy(v)} y2={sy(v)} className={v === 0 ? 'plot-zero' : 'plot-grid'} />
            <text x={m.l - 6} y={sy(v) + 4} textAnchor="end" className="plot-tick">
              {fmtTick(v)}
            </text>
          </g>
        ))}
        <text x={(m.l + W - m.r) / 2} y={H - 4} textAnchor="middle" className="plot-label">
          {props.xLabel}
        </text>
        <text x={12} y={(m.t + H - m.b) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(m.t + H - m.b) / 2})`} className="plot-label">
          {props.yLabel}
        </text>
        <g clipPath={`url(#${clip})`}>
          {props.curves.map((c, i) => (
            <path
              key={`${c.label}-${i}`}
              d={path(c.points)}
              fill="none"
              stroke={c.color}
              strokeWidth={c.width ?? (c.faint ? 1.5 : 2.5)}
              strokeDasharray={c.dash}
              opacity={c.faint ? 0.45 : 1}
              strokeLinejoin="round"
            />
          ))}
          {props.cursorX != null ? (
            <line x1={sx(props.cursorX)} x2={sx(props.cursorX)} y1={m.t} y2={H - m.b} className="plot-cursor" strokeDasharray="3 3" />
          ) : null}
          {(props.markers ?? []).map((k, i) =>
            Number.isFinite(k.y) ? <circle key={i} cx={sx(k.x)} cy={sy(Math.max(y0, Math.min(y1, k.y)))} r={5} fill={k.color} className="plot-marker" strokeWidth={2} /> : null,
          )}
        </g>
      </svg>
      {props.legend !== false && shown.length > 1 ? (
        <figcaption className="plot-legend">
          {shown.map((c) => (
            <span key={c.label}>
              <svg width="26" height="10" aria-hidden="true">
                <line x1="1" x2="25" y1="5" y2="5" stroke={c.color} strokeWidth="2.5" strokeDasharray={c.dash} />
              </svg>
              {c.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
