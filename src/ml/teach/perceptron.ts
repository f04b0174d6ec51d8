/**
 * The perceptron of chapter 1 on 2-D points: the learning rule stepped one example at a
 * time, data presets, an exact linear-separability test, and the geometry the panel draws.
 */
import { sigmoid } from './activations';

export type PerceptronActivation = 'step' | 'sign' | 'sigmoid';
export type Label = 0 | 1;
export interface LabeledPoint {
  x1: number;
  x2: number;
  /** Class 1 is the side where w·x + b ≥ 0. */
  label: Label;
}
export interface Params {
  w1: number;
  w2: number;
  b: number;
}
export type Vec2 = [number, number];
export interface Box {
  min: number;
  max: number;
}

/** Pre-activation z = w₁x₁ + w₂x₂ + b. */
export function preact(p: Params, pt: { x1: number; x2: number }): number {
  return p.w1 * pt.x1 + p.w2 * pt.x2 + p.b;
}

/** ŷ = f(z): step H(z) ∈ {0, 1} with H(0) = 1, sign(z) ∈ {−1, +1} with sign(0) = +1, or σ(z) ∈ (0, 1). */
export function output(act: PerceptronActivation, z: number): number {
  if (act === 'sigmoid') return sigmoid(z);
  if (act === 'sign') return z >= 0 ? 1 : -1;
  return z >= 0 ? 1 : 0;
}

/** The label in the activation's encoding: 0/1 for step and sigmoid, −1/+1 for sign. */
export function target(act: PerceptronActivation, label: Label): number {
  return act === 'sign' ? 2 * label - 1 : label;
}

/** The predicted class (the side of the boundary), the same for every activation. */
export function predictClass(p: Params, pt: { x1: number; x2: number }): Label {
  return preact(p, pt) >= 0 ? 1 : 0;
}

export function countMisclassified(p: Params, points: readonly LabeledPoint[]): number {
  return points.reduce((n, pt) => n + (predictClass(p, pt) === pt.label ? 0 : 1), 0);
}

/** Everything about one application of the rule, for the panel to print. */
export interface Update {
  index: number;
  point: LabeledPoint;
  z: number;
  yhat: number;
  y: number;
  /** y − ŷ */
  err: number;
  mistake: boolean;
  before: Params;
  after: Params;
}

/**
 * One application of the learning rule: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).
 * With step or sign it changes nothing on a correct prediction; with sigmoid it is one SGD
 * step on the cross-entropy and always moves a little.
 */
export function applyRule(p: Params, pt: LabeledPoint, act: PerceptronActivation, lr: number, index = 0): Update {
  const z = preact(p, pt);
  const yhat = output(act, z);
  const y = target(act, pt.label);
  const err = y - yhat;
  const after = { w1: p.w1 + lr * err * pt.x1, w2: p.w2 + lr * err * pt.x2, b: p.b + lr * err };
  return { index, point: pt, z, yhat, y, err, mistake: (z >= 0 ? 1 : 0) !== pt.label, before: p, after };
}

export interface TrainState {
  params: Params;
  /** Index of the next example to visit. */
  next: number;
  /** Completed passes over the data. */
  epoch: number;
  /** Mistakes seen so far in the current pass. */
  mistakesInEpoch: number;
  /** True once a whole pass made no mistake; for step and sign the weights then never change again. */
  converged: boolean;
  /** Total number of mistakes (updates, for step/sign) since the start. */
  totalMistakes: number;
}

export function initialState(params: Params = { w1: 0, w2: 0, b: 0 }): TrainState {
  return { params, next: 0, epoch: 0, mistakesInEpoch: 0, converged: false, totalMistakes: 0 };
}

/** Visits the next example (cycling in order), applies the rule, and does the epoch book-keeping. */
export function trainStep(
  s: TrainState,
  points: readonly LabeledPoint[],
  act: PerceptronActivation,
  lr: number,
): { state: TrainState; update: Update | null } {
  if (points.length === 0) return { state: s, update: null };
  const index = s.next % points.length;
  const update = applyRule(s.params, points[index], act, lr, index);
  const mistakes = s.mistakesInEpoch + (update.mistake ? 1 : 0);
  const endOfPass = index === points.length - 1;
  return {
    update,
    state: {
      params: update.after,
      next: endOfPass ? 0 : index + 1,
      epoch: endOfPass ? s.epoch + 1 : s.epoch,
      mistakesInEpoch: endOfPass ? 0 : mistakes,
      converged: s.converged || (endOfPass && mistakes === 0),
      totalMistakes: s.totalMistakes + (update.mistake ? 1 : 0),
    },
  };
}

/** Runs whole passes until one is mistake-free or `maxEpochs` passes are done. */
export function trainUntilConverged(
  points: readonly LabeledPoint[],
  act: PerceptronActivation,
  lr: number,
  maxEpochs: number,
  start: Params = { w1: 0, w2: 0, b: 0 },
): TrainState {
  let s = initialState(start);
  while (!s.converged && s.epoch < maxEpochs && points.length > 0) s = trainStep(s, points, act, lr).state;
  return s;
}

// ---- geometry -------------------------------------------------------------------------

const cross = (o: Vec2, a: Vec2, b: Vec2) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull (Andrew's monotone chain), counter-clockwise, without collinear points. */
export function convexHull(pts: readonly Vec2[]): Vec2[] {
  const p = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]).filter((v, i, arr) => i === 0 || v[0] !== arr[i - 1][0] || v[1] !== arr[i - 1][1]);
  if (p.length <= 2) return p;
  const half = (list: Vec2[]) => {
    const h: Vec2[] = [];
    for (const v of list) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], v) <= 0) h.pop();
      h.push(v);
    }
    h.pop();
    return h;
  };
  const hull = [...half(p), ...half([...p].reverse())];
  // All collinear: the two chains meet at the ends; keep the two extreme points.
  return hull.length >= 3 ? hull : [p[0], p[p.length - 1]];
}

const onSegment = (a: Vec2, b: Vec2, q: Vec2) =>
  Math.min(a[0], b[0]) <= q[0] && q[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= q[1] && q[1] <= Math.max(a[1], b[1]);

/** Closed segments ab and cd share a point (touching and collinear overlap count). */
export function segmentsIntersect(a: Vec2, b: Vec2, c: Vec2, d: Vec2): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && onSegment(c, d, a)) || (d2 === 0 && onSegment(c, d, b)) || (d3 === 0 && onSegment(a, b, c)) || (d4 === 0 && onSegment(a, b, d));
}

function inHull(q: Vec2, h: readonly Vec2[]): boolean {
  if (h.length === 1) return q[0] === h[0][0] && q[1] === h[0][1];
  if (h.length === 2) return cross(h[0], h[1], q) === 0 && onSegment(h[0], h[1], q);
  return h.every((v, i) => cross(v, h[(i + 1) % h.length], q) >= 0);
}

function edges(h: readonly Vec2[]): [Vec2, Vec2][] {
  if (h.length < 2) return [];
  if (h.length === 2) return [[h[0], h[1]]];
  return h.map((v, i) => [v, h[(i + 1) % h.length]]);
}

/**
 * Whether some line w·x + b = 0 puts every class-1 point on the ≥ 0 side and every class-0
 * point strictly on the < 0 side — exactly when the two convex hulls are disjoint. When this
 * is false the perceptron can never converge (Novikoff's theorem needs a margin γ > 0).
 */
export function isLinearlySeparable(points: readonly LabeledPoint[]): boolean {
  const a = convexHull(points.filter((p) => p.label === 1).map((p): Vec2 => [p.x1, p.x2]));
  const b = convexHull(points.filter((p) => p.label === 0).map((p): Vec2 => [p.x1, p.x2]));
  if (a.length === 0 || b.length === 0) return true;
  for (const [p, q] of edges(a)) for (const [r, s] of edges(b)) if (segmentsIntersect(p, q, r, s)) return false;
  return !inHull(a[0], b) && !inHull(b[0], a);
}

/**
 * The part of the square box where w·x + b ≥ 0, as a polygon (clipping the square by one
 * half-plane). Empty when none of the box is on that side; the whole box when w = 0 and b ≥ 0.
 */
export function positiveRegion(p: Params, box: Box): Vec2[] {
  const { min, max } = box;
  const square: Vec2[] = [[min, min], [max, min], [max, max], [min, max]];
  const f = (v: Vec2) => p.w1 * v[0] + p.w2 * v[1] + p.b;
  const out: Vec2[] = [];
  for (let i = 0; i < 4; i++) {
    const a = square[i];
    const c = square[(i + 1) % 4];
    const fa = f(a);
    const fc = f(c);
    if (fa >= 0) out.push(a);
    if ((fa >= 0) !== (fc >= 0)) {
      const t = fa / (fa - fc);
      out.push([a[0] + t * (c[0] - a[0]), a[1] + t * (c[1] - a[1])]);
    }
  }
  return out;
}

/** The visible piece of the boundary line w·x + b = 0 inside the box, or null if it misses it. */
export function boundarySegment(p: Params, box: Box): [Vec2, Vec2] | null {
  if (p.w1 === 0 && p.w2 === 0) return null;
  const { min, max } = box;
  const hits: Vec2[] = [];
  const add = (v: Vec2) => {
    if (v[0] >= min - 1e-9 && v[0] <= max + 1e-9 && v[1] >= min - 1e-9 && v[1] <= max + 1e-9 && !hits.some((h) => Math.hypot(h[0] - v[0], h[1] - v[1]) < 1e-9)) hits.push(v);
  };
  if (p.w2 !== 0) for (const x of [min, max]) add([x, -(p.w1 * x + p.b) / p.w2]);
  if (p.w1 !== 0) for (const y of [min, max]) add([-(p.w2 * y + p.b) / p.w1, y]);
  return hits.length >= 2 ? [hits[0], hits[1]] : null;
}

/** Shoelace area of a polygon (positive for counter-clockwise). */
export function polygonArea(poly: readonly Vec2[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

// ---- data -----------------------------------------------------------------------------

export const PRESET_NAMES = ['and', 'or', 'xor', 'random'] as const;
export type Preset = (typeof PRESET_NAMES)[number];

/** A small deterministic PRNG (mulberry32), so a seed always gives the same cloud. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GATE_INPUTS: Vec2[] = [[0, 0], [0, 1], [1, 0], [1, 1]];
const gate = (f: (a: number, b: number) => boolean): LabeledPoint[] => GATE_INPUTS.map(([a, b]) => ({ x1: a, x2: b, label: f(a, b) ? 1 : 0 }));

/**
 * The example points of a preset. Gates use the chapter's order (0,0), (0,1), (1,0), (1,1).
 * `random` is a linearly separable cloud: points on both sides of a random line, at least
 * `margin` away from it, so the convergence theorem applies.
 */
export function presetPoints(preset: Preset, seed = 1, n = 24, margin = 0.35): LabeledPoint[] {
  if (preset === 'and') return gate((a, b) => a === 1 && b === 1);
  if (preset === 'or') return gate((a, b) => a === 1 || b === 1);
  if (preset === 'xor') return gate((a, b) => a !== b);
  const rnd = mulberry32(seed);
  const angle = rnd() * 2 * Math.PI;
  const n1 = Math.cos(angle);
  const n2 = Math.sin(angle);
  const offset = (rnd() - 0.5) * 1.2;
  const pts: LabeledPoint[] = [];
  for (let guard = 0; pts.length < n && guard < 10_000; guard++) {
    const x1 = Math.round((rnd() * 5 - 2.5) * 100) / 100;
    const x2 = Math.round((rnd() * 5 - 2.5) * 100) / 100;
    const d = n1 * x1 + n2 * x2 + offset;
    if (Math.abs(d) < margin) continue;
    // Alternate classes so both are represented even if the line sits near an edge.
    const label: Label = d >= 0 ? 1 : 0;
    if (pts.length >= 2 && pts.filter((p) => p.label === label).length > n * 0.75) continue;
    pts.push({ x1, x2, label });
  }
  return pts;
}

/** The square the panel shows for a preset. */
export function presetBox(preset: Preset): Box {
  return preset === 'random' ? { min: -3, max: 3 } : { min: -0.75, max: 1.75 };
}
