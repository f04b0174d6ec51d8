import { useEffect, useRef } from 'react';

/**
 * One 28×28 image drawn as MNIST stores it: bright ink on a black background. `pixels` is
 * either uint8 (0–255) or float (0–1, e.g. a mean image); `offset` picks an image inside a
 * larger array. The canvas is 28×28 and scaled by CSS, pixelated or smooth.
 */
export function DigitCanvas(props: { pixels: Uint8Array | Float32Array; offset?: number; size: number; label: string; smooth?: boolean; className?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { pixels, offset = 0 } = props;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    const scale = pixels instanceof Float32Array ? 255 : 1;
    for (let p = 0; p < 784; p++) {
      const v = Math.max(0, Math.min(255, Math.round(pixels[offset + p] * scale)));
      img.data[p * 4] = v;
      img.data[p * 4 + 1] = v;
      img.data[p * 4 + 2] = v;
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, offset]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      className={`digit-canvas${props.smooth ? ' is-smooth' : ''}${props.className ? ` ${props.className}` : ''}`}
      style={{ width: props.size, height: props.size }}
    />
  );
}
