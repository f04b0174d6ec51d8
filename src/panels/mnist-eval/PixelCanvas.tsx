import { useEffect, useMemo, useRef } from 'react';
import { inkColour, toRgba } from '../../ml/inspect/colormap';

/**
 * A w × h RGBA image drawn pixel for pixel and enlarged with crisp pixels (CSS), for digits,
 * filters and activation maps. Decorative unless given a label.
 */
export function PixelCanvas(props: { rgba: Uint8ClampedArray<ArrayBuffer>; w: number; h: number; size: number; label?: string; className?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { rgba, w, h } = props;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || rgba.length !== w * h * 4) return;
    ctx.putImageData(new ImageData(rgba, w, h), 0, 0);
  }, [rgba, w, h]);
  return (
    <canvas
      ref={ref}
      width={w}
      height={h}
      className={`pixel-canvas ${props.className ?? ''}`}
      style={{ width: props.size, height: (props.size * h) / w }}
      role={props.label ? 'img' : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : true}
      data-testid={props.testId}
    />
  );
}

/** A 28×28 uint8 digit as on paper (dark ink on white). */
export function DigitCanvas(props: { pixels: Uint8Array; size: number; label?: string; className?: string; testId?: string }) {
  const rgba = useMemo(() => toRgba(props.pixels, inkColour), [props.pixels]);
  return <PixelCanvas rgba={rgba} w={28} h={28} size={props.size} label={props.label} className={props.className} testId={props.testId} />;
}
