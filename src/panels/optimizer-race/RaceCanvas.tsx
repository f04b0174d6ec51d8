import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { OptimizerId, Racer } from '../../ml/teach/optimizers2d';
import type { Surface } from '../../ml/teach/surfaces';
import { niceTicks } from '../../ui/CurvePlot';
import { useThemeColors } from '../../ui/theme';
import { contourPixels } from './contour';

export type Shape = 'circle' | 'triangle' | 'square' | 'diamond' | 'triangleDown' | 'star';

/**
 * Colours (Paul Tol's colour-blind-safe sets, darkened for the pale background) and marker shapes.
 * The contour map stays pale in both themes, so these work in both; only the axes follow the theme.
 */
export const STYLE: Record<OptimizerId, { color: string; shape: Shape }> = {
  gd: { color: '#1d232b', shape: 'circle' },
  sgd: { color: '#cc3311', shape: 'triangle' },
  momentum: { color: '#0066aa', shape: 'square' },
  adagrad: { color: '#00786b', shape: 'diamond' },
  rmsprop: { color: '#c4246a', shape: 'triangleDown' },
  adam: { color: '#a85200', shape: 'star' },
};

/** Traces a marker shape of radius r centred on (x, y) into the current path. */
export function shapePath(ctx: CanvasRenderingContext2D | Path2D, shape: Shape, x: number, y: number, r: number): void {
  const poly = (pts: [number, number][]) => {
    ctx.moveTo(x + pts[0][0], y + pts[0][1]);
    for (const [a, b] of pts.slice(1)) ctx.lineTo(x + a, y + b);
    ctx.closePath();
  };
  if (shape === 'circle') {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  } else if (shape === 'square') poly([[-r * 0.85, -r * 0.85], [r * 0.85, -r * 0.85], [r * 0.85, r * 0.85], [-r * 0.85, r * 0.85]]);
  else if (shape === 'diamond') poly([[0, -r * 1.15], [r * 1.15, 0], [0, r * 1.15], [-r * 1.15, 0]]);
  else if (shape === 'triangle') poly([[0, -r * 1.2], [r * 1.1, r * 0.8], [-r * 1.1, r * 0.8]]);
  else if (shape === 'triangleDown') poly([[0, r * 1.2], [r * 1.1, -r * 0.8], [-r * 1.1, -r * 0.8]]);
  else poly(Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.55 : r * 1.3;
    return [rr * Math.cos(a), rr * Math.sin(a)] as [number, number];
  }));
}

const M = { l: 46, r: 10, t: 10, b: 34 };
const MAX_PLOT_H = 470;

/**
 * The race on a canvas: filled contours of the surface, minima (stars), the start point,
 * every enabled optimizer's trail and current position. Clicking sets the start; with the
 * canvas focused, arrow keys move the start (Shift for bigger steps).
 */
export function RaceCanvas(props: {
  surface: Surface;
  racers: readonly Racer[];
  enabled: Record<OptimizerId, boolean>;
  start: [number, number];
  version: number;
  onStart(x: number, y: number): void;
  onHover(p: [number, number] | null): void;
  ariaLabel: string;
  startLabel: string;
}) {
  const { surface, start } = props;
  const v = surface.view;
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(640);
  const colors = useThemeColors();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(280, Math.floor(el.clientWidth))));
    ro.observe(el);
    setWidth(Math.max(280, Math.floor(el.clientWidth)));
    return () => ro.disconnect();
  }, []);

  // Equal scales on both axes keep the gradient perpendicular to the contour lines.
  const aspect = (v.y1 - v.y0) / (v.x1 - v.x0);
  let plotW = width - M.l - M.r;
  let plotH = plotW * aspect;
  if (plotH > MAX_PLOT_H) {
    plotH = MAX_PLOT_H;
    plotW = plotH / aspect;
  }
  const left = M.l + Math.floor((width - M.l - M.r - plotW) / 2);
  const height = Math.round(plotH + M.t + M.b);
  const sx = (x: number) => left + ((x - v.x0) / (v.x1 - v.x0)) * plotW;
  const sy = (y: number) => M.t + ((v.y1 - y) / (v.y1 - v.y0)) * plotH;

  // The contour image is the expensive part: recompute only when the surface or size changes.
  const background = useMemo(() => {
    const cols = Math.max(2, Math.round(plotW / 2));
    const rows = Math.max(2, Math.round(plotH / 2));
    const px = contourPixels(surface.f, surface.fMin, v, cols, rows);
    const off = document.createElement('canvas');
    off.width = cols;
    off.height = rows;
    off.getContext('2d')?.putImageData(new ImageData(px, cols, rows), 0, 0);
    return off;
  }, [surface, v, plotW, plotH]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(background, left, M.t, plotW, plotH);
    ctx.strokeStyle = colors.plotAxis;
    ctx.lineWidth = 1;
    ctx.strokeRect(left + 0.5, M.t + 0.5, plotW - 1, plotH - 1);

    // Axes: ticks and labels.
    ctx.fillStyle = colors.muted;
    ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const x of niceTicks(v.x0, v.x1, 8)) {
      ctx.fillRect(sx(x), M.t + plotH, 1, 4);
      ctx.fillText(String(x), sx(x), M.t + plotH + 6);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of niceTicks(v.y0, v.y1, 6)) {
      ctx.fillRect(left - 4, sy(y), 4, 1);
      ctx.fillText(String(y), left - 6, sy(y));
    }
    ctx.font = 'italic 13px system-ui, sans-serif';
    ctx.fillStyle = colors.ink;
    ctx.textAlign = 'center';
    ctx.fillText('x', left + plotW / 2, height - 8);
    ctx.fillText('y', 12, M.t + plotH / 2);

    ctx.save();
    ctx.beginPath();
    ctx.rect(left, M.t, plotW, plotH);
    ctx.clip();
    // Minima as stars.
    for (const [mx, my] of surface.minima) {
      ctx.beginPath();
      shapePath(ctx, 'star', sx(mx), sy(my), 7);
      ctx.fillStyle = '#ffffff';
      ctx.strokeStyle = '#1d232b';
      ctx.lineWidth = 1.5;
      ctx.fill();
      ctx.stroke();
    }
    // Trails: a white halo under each coloured line keeps it readable on every band.
    for (const r of props.racers) {
      if (!props.enabled[r.id] || r.path.length < 4) continue;
      const line = () => {
        ctx.beginPath();
        ctx.moveTo(sx(r.path[0]), sy(r.path[1]));
        for (let i = 2; i < r.path.length; i += 2) ctx.lineTo(sx(r.path[i]), sy(r.path[i + 1]));
      };
      ctx.lineJoin = 'round';
      line();
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.lineWidth = 4.5;
      ctx.stroke();
      line();
      ctx.strokeStyle = STYLE[r.id].color;
      ctx.lineWidth = 2;
      ctx.stroke();
    }
    // Start point.
    ctx.beginPath();
    ctx.arc(sx(start[0]), sy(start[1]), 6, 0, 2 * Math.PI);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = '#1d232b';
    ctx.stroke();
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillStyle = '#1d232b';
    ctx.fillText(props.startLabel, sx(start[0]) + 9, sy(start[1]) - 10);
    // Current positions, drawn last so they sit on top.
    for (const r of props.racers) {
      if (!props.enabled[r.id]) continue;
      const n = r.path.length;
      ctx.beginPath();
      shapePath(ctx, STYLE[r.id].shape, sx(r.path[n - 2]), sy(r.path[n - 1]), 5.5);
      ctx.fillStyle = STYLE[r.id].color;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }, [props.version, props.racers, props.enabled, props.startLabel, background, width, height, left, plotW, plotH, start, surface, v, colors]);

  const toData = (e: PointerEvent<HTMLCanvasElement>): [number, number] | null => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * width;
    const py = ((e.clientY - rect.top) / rect.height) * height;
    if (px < left || px > left + plotW || py < M.t || py > M.t + plotH) return null;
    return [v.x0 + ((px - left) / plotW) * (v.x1 - v.x0), v.y1 - ((py - M.t) / plotH) * (v.y1 - v.y0)];
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const dirs: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const d = dirs[e.key];
    if (!d) return;
    e.preventDefault();
    const k = (e.shiftKey ? 0.1 : 0.02) * (v.x1 - v.x0);
    const clamp = (a: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, a));
    props.onStart(clamp(start[0] + d[0] * k, v.x0, v.x1), clamp(start[1] + d[1] * k, v.y0, v.y1));
  };

  return (
    <div ref={host} className="race-canvas-host">
      <canvas
        ref={canvas}
        className="race-canvas"
        style={{ width: `${width}px`, height: `${height}px` }}
        role="img"
        aria-label={props.ariaLabel}
        tabIndex={0}
        data-testid="race-canvas"
        onKeyDown={onKey}
        onPointerDown={(e) => {
          const p = toData(e);
          if (p) props.onStart(p[0], p[1]);
        }}
        onPointerMove={(e) => props.onHover(toData(e))}
        onPointerLeave={() => props.onHover(null)}
      />
    </div>
  );
}
