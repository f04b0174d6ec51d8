import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Map2D } from '../../ml/teach/conv';
import { cellColour } from './format';

/** A rectangle in map cells (may start in the padding ring, i.e. at −1). */
export interface CellRect {
  y: number;
  x: number;
  h: number;
  w: number;
}

/**
 * Draws a map as a grid of cells on a canvas, with an optional ring of `margin` cells around it
 * (zero padding when `pad` says so), highlighted rectangles, and dimmed regions. Pointer
 * moves report the cell under the pointer; keys go to `onKey` (the keyboard alternative).
 */
export function MapCanvas(props: {
  map: Map2D;
  mode: 'ink' | 'signed';
  scale: number;
  cell: number;
  margin?: number;
  pad?: { top: number; left: number; bottom: number; right: number };
  window?: CellRect | null;
  selected?: CellRect | null;
  dashed?: CellRect | null;
  dim?: CellRect[];
  onPoint?: (y: number, x: number) => void;
  onKey?: (e: KeyboardEvent<HTMLCanvasElement>) => void;
  label: string;
  testId?: string;
  data?: Record<string, string | number>;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { map, mode, scale, cell, margin = 0, pad, window: win, selected, dashed, dim } = props;
  const cols = map.w + 2 * margin;
  const rows = map.h + 2 * margin;

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(cols * cell * dpr);
    canvas.height = Math.round(rows * cell * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cols * cell, rows * cell);
    const px = (x: number) => (x + margin) * cell;
    const py = (y: number) => (y + margin) * cell;

    if (pad) {
      // The zero-padding ring: light cells with a small "0" when there is room.
      ctx.fillStyle = '#eceef2';
      ctx.font = `${Math.max(7, cell * 0.55)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (let y = -pad.top; y < map.h + pad.bottom; y++) {
        for (let x = -pad.left; x < map.w + pad.right; x++) {
          if (y >= 0 && x >= 0 && y < map.h && x < map.w) continue;
          ctx.fillStyle = '#eceef2';
          ctx.fillRect(px(x), py(y), cell, cell);
          if (cell >= 12) {
            ctx.fillStyle = '#4e5864';
            ctx.fillText('0', px(x) + cell / 2, py(y) + cell / 2 + 0.5);
          }
        }
      }
    }
    for (let y = 0; y < map.h; y++) {
      for (let x = 0; x < map.w; x++) {
        ctx.fillStyle = cellColour(map.data[y * map.w + x], mode, scale);
        ctx.fillRect(px(x), py(y), cell, cell);
      }
    }
    if (cell >= 8) {
      ctx.strokeStyle = 'rgba(29,35,43,0.08)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let y = 0; y <= map.h; y++) {
        ctx.moveTo(px(0), py(y) + 0.5);
        ctx.lineTo(px(map.w), py(y) + 0.5);
      }
      for (let x = 0; x <= map.w; x++) {
        ctx.moveTo(px(x) + 0.5, py(0));
        ctx.lineTo(px(x) + 0.5, py(map.h));
      }
      ctx.stroke();
    }
    ctx.strokeStyle = '#8a939e';
    ctx.lineWidth = 1;
    ctx.strokeRect(px(0) + 0.5, py(0) + 0.5, map.w * cell - 1, map.h * cell - 1);
    for (const r of dim ?? []) {
      // Rows/columns no window reaches (valid padding with a stride): veiled.
      ctx.fillStyle = 'rgba(251,250,247,0.7)';
      ctx.fillRect(px(r.x), py(r.y), r.w * cell, r.h * cell);
    }
    if (dashed) {
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = '#1d232b';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(px(dashed.x) + 1, py(dashed.y) + 1, dashed.w * cell - 2, dashed.h * cell - 2);
      ctx.setLineDash([]);
    }
    for (const [r, colour, width] of [
      [win, '#f0a500', 3],
      [selected, '#1d232b', 2.5],
    ] as const) {
      if (!r) continue;
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.strokeRect(px(r.x) + width / 2, py(r.y) + width / 2, r.w * cell - width, r.h * cell - width);
    }
  }, [map, mode, scale, cell, margin, pad, win, selected, dashed, dim, cols, rows]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!props.onPoint) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const x = Math.floor(((e.clientX - rect.left) / rect.width) * cols) - margin;
    const y = Math.floor(((e.clientY - rect.top) / rect.height) * rows) - margin;
    props.onPoint(y, x);
  };

  const dataAttrs = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <canvas
      ref={ref}
      className="conv-canvas"
      style={{ width: cols * cell, height: rows * cell }}
      // Interactive maps take arrow keys themselves (application role); the others are pictures.
      role={props.onKey ? 'application' : 'img'}
      aria-label={props.label}
      tabIndex={props.onKey ? 0 : undefined}
      onPointerMove={point}
      onPointerDown={point}
      onKeyDown={props.onKey}
      data-testid={props.testId}
      {...dataAttrs}
    />
  );
}
