import { useImperativeHandle, useRef, type PointerEvent, type Ref } from 'react';
import { inkFromRgba, type GreyImage, type InkBox } from '../../ml/data/preprocess';

/** Drawing resolution: 10 canvas pixels per MNIST pixel. */
export const CANVAS = 280;
const INK_CSS = '#1d232b';

export interface DrawCanvasHandle {
  clear(): void;
  /** Paints a 28×28 uint8 digit over the whole canvas (×10, smoothed), as if it had been drawn. */
  paintDigit(pixels: Uint8Array): void;
  /** The ink drawn so far (alpha channel), 280×280. */
  ink(): GreyImage | null;
}

/**
 * A 280×280 drawing surface for mouse, touch and pen (pointer events, with coalesced events for
 * smooth fast strokes). Strokes are dark on a transparent canvas, so the ink is the alpha channel.
 * Keyboard users get the panel's "test digit" and "clear" buttons instead.
 */
export function DrawCanvas(props: { ref: Ref<DrawCanvasHandle>; pen: number; label: string; box: InkBox | null; onInk(final: boolean): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ id: number; x: number; y: number } | null>(null);

  const ctx = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  useImperativeHandle(props.ref, () => ({
    clear() {
      ctx()?.clearRect(0, 0, CANVAS, CANVAS);
      props.onInk(true);
    },
    paintDigit(pixels) {
      const c = ctx();
      if (!c) return;
      const small = document.createElement('canvas');
      small.width = 28;
      small.height = 28;
      const img = new ImageData(28, 28);
      for (let i = 0; i < 784; i++) {
        img.data[i * 4] = 29;
        img.data[i * 4 + 1] = 35;
        img.data[i * 4 + 2] = 43;
        img.data[i * 4 + 3] = pixels[i];
      }
      small.getContext('2d')?.putImageData(img, 0, 0);
      c.clearRect(0, 0, CANVAS, CANVAS);
      c.imageSmoothingEnabled = true;
      c.imageSmoothingQuality = 'high';
      c.drawImage(small, 0, 0, CANVAS, CANVAS);
      props.onInk(true);
    },
    ink() {
      const c = ctx();
      return c ? inkFromRgba(c.getImageData(0, 0, CANVAS, CANVAS).data, CANVAS, CANVAS, 'alpha') : null;
    },
  }));

  const point = (e: PointerEvent<HTMLCanvasElement> | globalThis.PointerEvent) => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * CANVAS, y: ((e.clientY - rect.top) / rect.height) * CANVAS };
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const c = ctx();
    if (!c) return;
    const p = point(e);
    c.fillStyle = INK_CSS;
    c.beginPath();
    c.arc(p.x, p.y, props.pen / 2, 0, Math.PI * 2);
    c.fill();
    last.current = { id: e.pointerId, ...p };
    props.onInk(false);
  };

  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const l = last.current;
    if (!l || l.id !== e.pointerId) return;
    const c = ctx();
    if (!c) return;
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    const pts = (events.length ? events : [e.nativeEvent]).map(point);
    c.strokeStyle = INK_CSS;
    c.lineWidth = props.pen;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(l.x, l.y);
    for (const p of pts) c.lineTo(p.x, p.y);
    c.stroke();
    const end = pts[pts.length - 1];
    last.current = { id: l.id, ...end };
    props.onInk(false);
  };

  const up = (e: PointerEvent<HTMLCanvasElement>) => {
    if (last.current?.id !== e.pointerId) return;
    last.current = null;
    props.onInk(true);
  };

  const b = props.box;
  return (
    <div className="draw-surface">
      <canvas
        ref={canvas}
        width={CANVAS}
        height={CANVAS}
        className="draw-canvas"
        role="img"
        aria-label={props.label}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        data-testid="draw-canvas"
      />
      {b ? (
        <div
          className="draw-box"
          aria-hidden="true"
          style={{ left: `${(b.x / CANVAS) * 100}%`, top: `${(b.y / CANVAS) * 100}%`, width: `${(b.w / CANVAS) * 100}%`, height: `${(b.h / CANVAS) * 100}%` }}
        />
      ) : null}
    </div>
  );
}
