/**
 * SIMD loops for the memory-bound backward-pass kernels, assembled at runtime
 * (wasmAsm.ts) and run directly on tfjs-backend-wasm's heap: tensors are passed
 * as byte addresses (`memoryOffset`), so nothing is copied.
 *
 * Every loop here is branch-free per element; window bounds are computed once
 * per output pixel. Channel loops go 4 lanes at a time, so callers use them
 * only when the channel count is a multiple of 4 (JS fallbacks otherwise).
 * Layout loops (transposes, im2col) are in wasmSimdLayout.ts, the small-filter
 * gradient and the Adam step in wasmSimdConv.ts.
 */
import { assemble, F32, forLoop, I32, op, V128, type FuncDef } from './wasmAsm';
import { adamStep, filterGradSmall } from './wasmSimdConv';
import { biasAdd, col2im, im2col, locals, swapBlocks, transpose4x4 } from './wasmSimdLayout';

const { get, set, tee, i32 } = op;

/** dx = x > 0 ? dy : 0. (pg, px, pout: byte addresses; n: elements) */
function reluGrad(): FuncDef {
  const [pg, px, pout, n] = [0, 1, 2, 3];
  const { idx: L, groups } = locals(4, { i: I32, end4: I32, nb: I32 });
  const body = [
    ...get(n), ...i32(-4), ...op.and, ...i32(2), ...op.shl, ...set(L.end4),
    ...get(n), ...i32(2), ...op.shl, ...set(L.nb),
    ...forLoop(L.i, i32(0), get(L.end4), i32(16), [
      ...get(pout), ...get(L.i), ...op.add,
      ...get(pg), ...get(L.i), ...op.add, ...op.vLoad,
      ...get(px), ...get(L.i), ...op.add, ...op.vLoad, ...op.vZero, ...op.f32x4Gt,
      ...op.vAnd, ...op.vStore,
    ]),
    ...forLoop(L.i, get(L.end4), get(L.nb), i32(4), [
      ...get(pout), ...get(L.i), ...op.add,
      ...get(pg), ...get(L.i), ...op.add, ...op.f32Load, ...op.f32Const0,
      ...get(px), ...get(L.i), ...op.add, ...op.f32Load, ...op.f32Const0, ...op.f32Gt,
      ...op.select, ...op.f32Store,
    ]),
  ];
  return { name: 'relu_grad', params: [I32, I32, I32, I32], locals: groups, body };
}

/** dx = x > 0 ? dy : dy·alpha. (pg, px, pout, n, alpha) */
function leakyReluGrad(): FuncDef {
  const [pg, px, pout, n, alpha] = [0, 1, 2, 3, 4];
  const { idx: L, groups } = locals(5, { i: I32, end4: I32, nb: I32, g: V128 });
  const at = (p: number) => [...get(p), ...get(L.i), ...op.add];
  const body = [
    ...get(n), ...i32(-4), ...op.and, ...i32(2), ...op.shl, ...set(L.end4),
    ...get(n), ...i32(2), ...op.shl, ...set(L.nb),
    ...forLoop(L.i, i32(0), get(L.end4), i32(16), [
      ...at(pout),
      ...at(pg), ...op.vLoad, ...tee(L.g), ...get(L.g), ...get(alpha), ...op.f32x4Splat, ...op.f32x4Mul,
      ...at(px), ...op.vLoad, ...op.vZero, ...op.f32x4Gt, ...op.vBitselect, ...op.vStore,
    ]),
    ...forLoop(L.i, get(L.end4), get(L.nb), i32(4), [
      ...at(pout),
      ...at(pg), ...op.f32Load, ...at(pg), ...op.f32Load, ...get(alpha), ...op.f32Mul,
      ...at(px), ...op.f32Load, ...op.f32Const0, ...op.f32Gt, ...op.select, ...op.f32Store,
    ]),
  ];
  return { name: 'leaky_relu_grad', params: [I32, I32, I32, I32, F32], locals: groups, body };
}

/**
 * The shared loop nest of the pooling gradients: for each output pixel and each
 * 4-channel group, `pre` runs once and `cell` runs for every in-bounds input
 * cell of the window, with local `a` = byte offset of that cell's 4 channels.
 */
const POOL_PARAMS = ['nb', 'H', 'W', 'C', 'OH', 'OW', 'fh', 'fw', 'sh', 'sw', 'pt', 'pl'] as const;

function poolLoops(first: number, L: Record<string, number>, pre: number[], cell: number[]): number[] {
  const P = Object.fromEntries(POOL_PARAMS.map((k, i) => [k, first + i])) as Record<(typeof POOL_PARAMS)[number], number>;
  const max0 = (e: number[]) => [...e, ...tee(L.t), ...i32(0), ...get(L.t), ...i32(0), ...op.gtS, ...op.select];
  const minOf = (lim: number, e: number[]) => [...get(lim), ...e, ...tee(L.t), ...get(lim), ...get(L.t), ...op.ltS, ...op.select];
  return [
    ...get(P.C), ...i32(2), ...op.shl, ...set(L.pix),
    ...forLoop(L.n, i32(0), get(P.nb), i32(1), [
      ...forLoop(L.oy, i32(0), get(P.OH), i32(1), [
        ...get(L.oy), ...get(P.sh), ...op.mul, ...get(P.pt), ...op.sub, ...set(L.t0),
        ...max0(get(L.t0)), ...set(L.h0),
        ...minOf(P.H, [...get(L.t0), ...get(P.fh), ...op.add]), ...set(L.h1),
        ...forLoop(L.ox, i32(0), get(P.OW), i32(1), [
          ...get(L.ox), ...get(P.sw), ...op.mul, ...get(P.pl), ...op.sub, ...set(L.t0),
          ...max0(get(L.t0)), ...set(L.w0),
          ...minOf(P.W, [...get(L.t0), ...get(P.fw), ...op.add]), ...set(L.w1),
          // q = byte offset of output pixel (n, oy, ox)
          ...get(L.n), ...get(P.OH), ...op.mul, ...get(L.oy), ...op.add, ...get(P.OW), ...op.mul,
          ...get(L.ox), ...op.add, ...get(L.pix), ...op.mul, ...set(L.q),
          ...forLoop(L.c, i32(0), get(L.pix), i32(16), [
            ...pre,
            ...forLoop(L.h, get(L.h0), get(L.h1), i32(1), [
              ...forLoop(L.w, get(L.w0), get(L.w1), i32(1), [
                ...get(L.n), ...get(P.H), ...op.mul, ...get(L.h), ...op.add, ...get(P.W), ...op.mul,
                ...get(L.w), ...op.add, ...get(L.pix), ...op.mul, ...get(L.c), ...op.add, ...set(L.a),
                ...cell,
              ]),
            ]),
          ]),
        ]),
      ]),
    ]),
  ];
}

const POOL_LOCALS = {
  pix: I32, n: I32, oy: I32, ox: I32, h0: I32, h1: I32, w0: I32, w1: I32,
  q: I32, c: I32, h: I32, w: I32, a: I32, t: I32, t0: I32,
};

/**
 * MaxPoolGrad: the first cell equal to the window max y takes dy. With
 * `accumulate`, dx (pre-zeroed) += contributions (overlapping windows); without,
 * each cell is written once (windows that tile the input, e.g. 2×2 stride 2),
 * which saves a read and a zero-fill of dx. (px, py, pg, pdx, ...POOL_PARAMS)
 */
function maxPoolGrad(accumulate: boolean): FuncDef {
  const [px, py, pg, pdx] = [0, 1, 2, 3];
  const { idx: L, groups } = locals(16, { ...POOL_LOCALS, m: V128, g: V128, taken: V128, hit: V128 });
  const at = (p: number, off: number) => [...get(p), ...get(off), ...op.add];
  const pre = [
    ...at(py, L.q), ...get(L.c), ...op.add, ...op.vLoad, ...set(L.m),
    ...at(pg, L.q), ...get(L.c), ...op.add, ...op.vLoad, ...set(L.g),
    ...op.vZero, ...set(L.taken),
  ];
  const cell = [
    // hit = (x == m) & ~taken; taken |= hit; dx (+)= g & hit
    ...at(px, L.a), ...op.vLoad, ...get(L.m), ...op.f32x4Eq, ...get(L.taken), ...op.vAndNot, ...tee(L.hit),
    ...get(L.taken), ...op.vOr, ...set(L.taken),
    ...at(pdx, L.a),
    ...(accumulate ? [...at(pdx, L.a), ...op.vLoad] : []), ...get(L.g), ...get(L.hit), ...op.vAnd, ...(accumulate ? op.f32x4Add : []),
    ...op.vStore,
  ];
  const name = accumulate ? 'max_pool_grad' : 'max_pool_grad_tiled';
  return { name, params: new Array<number>(16).fill(I32), locals: groups, body: poolLoops(4, L, pre, cell) };
}

/**
 * MaxPoolGrad for full 2×2 windows with stride 2 (the common case), unrolled:
 * the four cells' addresses are fixed offsets, so the loop is loads, compares
 * and stores. Same tie rule (first of the four in scan order).
 * (px, py, pg, pdx, nb, H, W, C, OH, OW)
 */
function maxPoolGrad2x2(): FuncDef {
  const [px, py, pg, pdx, nb, H, W, C, OH, OW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const { idx: L, groups } = locals(10, {
    pix: I32, rowB: I32, n: I32, oy: I32, ox: I32, q: I32, base: I32, c: I32, a: I32, o: I32,
    m: V128, g: V128, h0: V128, h1: V128, h2: V128, t: V128,
  });
  // Cell offsets from the window's corner: 0, one pixel right, one row down, both.
  const addrOf = (p: number, cell: number) => [
    ...get(p), ...get(L.a), ...op.add,
    ...(cell === 1 ? [...get(L.pix), ...op.add] : cell === 2 ? [...get(L.rowB), ...op.add] : cell === 3 ? [...get(L.rowB), ...get(L.pix), ...op.add, ...op.add] : []),
  ];
  const eq = (cell: number) => [...addrOf(px, cell), ...op.vLoad, ...get(L.m), ...op.f32x4Eq];
  const put = (cell: number, mask: number[]) => [...addrOf(pdx, cell), ...get(L.g), ...mask, ...op.vAnd, ...op.vStore];
  const body = [
    ...get(C), ...i32(2), ...op.shl, ...set(L.pix),
    ...get(W), ...get(L.pix), ...op.mul, ...set(L.rowB),
    ...forLoop(L.n, i32(0), get(nb), i32(1), [
      ...forLoop(L.oy, i32(0), get(OH), i32(1), [
        ...forLoop(L.ox, i32(0), get(OW), i32(1), [
          ...get(L.n), ...get(OH), ...op.mul, ...get(L.oy), ...op.add, ...get(OW), ...op.mul, ...get(L.ox), ...op.add,
          ...get(L.pix), ...op.mul, ...set(L.q),
          ...get(L.n), ...get(H), ...op.mul, ...get(L.oy), ...i32(1), ...op.shl, ...op.add, ...get(W), ...op.mul,
          ...get(L.ox), ...i32(1), ...op.shl, ...op.add, ...get(L.pix), ...op.mul, ...set(L.base),
          ...forLoop(L.c, i32(0), get(L.pix), i32(16), [
            ...get(L.base), ...get(L.c), ...op.add, ...set(L.a),
            ...get(L.q), ...get(L.c), ...op.add, ...set(L.o),
            ...get(py), ...get(L.o), ...op.add, ...op.vLoad, ...set(L.m),
            ...get(pg), ...get(L.o), ...op.add, ...op.vLoad, ...set(L.g),
            ...eq(0), ...tee(L.h0), ...set(L.t),
            ...eq(1), ...get(L.t), ...op.vAndNot, ...tee(L.h1), ...get(L.t), ...op.vOr, ...set(L.t),
            ...eq(2), ...get(L.t), ...op.vAndNot, ...tee(L.h2), ...get(L.t), ...op.vOr, ...set(L.t),
            ...put(0, get(L.h0)), ...put(1, get(L.h1)), ...put(2, get(L.h2)),
            ...put(3, [...eq(3), ...get(L.t), ...op.vAndNot]),
          ]),
        ]),
      ]),
    ]),
  ];
  return { name: 'max_pool_grad_2x2', params: new Array<number>(10).fill(I32), locals: groups, body };
}

/** AvgPoolGrad: every in-bounds cell gets dy·scale (accumulate as in maxPoolGrad). (pg, pdx, ...POOL_PARAMS, scale) */
function avgPoolGrad(accumulate: boolean): FuncDef {
  const [pg, pdx, scale] = [0, 1, 14];
  const { idx: L, groups } = locals(15, { ...POOL_LOCALS, g: V128 });
  const at = (p: number, off: number) => [...get(p), ...get(off), ...op.add];
  const pre = [...at(pg, L.q), ...get(L.c), ...op.add, ...op.vLoad, ...get(scale), ...op.f32x4Splat, ...op.f32x4Mul, ...set(L.g)];
  const cell = accumulate
    ? [...at(pdx, L.a), ...at(pdx, L.a), ...op.vLoad, ...get(L.g), ...op.f32x4Add, ...op.vStore]
    : [...at(pdx, L.a), ...get(L.g), ...op.vStore];
  const params = [...new Array<number>(14).fill(I32), F32];
  return { name: accumulate ? 'avg_pool_grad' : 'avg_pool_grad_tiled', params, locals: groups, body: poolLoops(2, L, pre, cell) };
}

/**
 * Column sums of x [rows, cols] into a float64 accumulator acc [cols] (pre-zeroed):
 * four rows are added in f32, then promoted and accumulated in f64.
 * (px, pacc, rows, cols)
 */
function colSum(): FuncDef {
  const [px, pacc, rows, cols] = [0, 1, 2, 3];
  const { idx: L, groups } = locals(4, { rb: I32, r: I32, c: I32, base: I32, p: I32, v: V128 });
  const ld = (k: number) => [...get(L.base), ...get(L.c), ...op.add, ...(k ? [...get(L.rb), ...i32(k), ...op.mul, ...op.add] : []), ...op.vLoad];
  const accumulate = [
    ...get(pacc), ...get(L.c), ...i32(1), ...op.shl, ...op.add, ...set(L.p),
    ...get(L.p), ...get(L.p), ...op.vLoad, ...get(L.v), ...op.f64x2PromoteLow, ...op.f64x2Add, ...op.vStore,
    ...get(L.p), ...i32(16), ...op.add,
    ...get(L.p), ...i32(16), ...op.add, ...op.vLoad, ...get(L.v), ...get(L.v), ...op.highToLow, ...op.f64x2PromoteLow,
    ...op.f64x2Add, ...op.vStore,
  ];
  const rowLoop = (k: number) => forLoop(L.c, i32(0), get(L.rb), i32(16), [
    ...ld(0), ...(k === 4 ? [...ld(1), ...op.f32x4Add, ...ld(2), ...ld(3), ...op.f32x4Add, ...op.f32x4Add] : []), ...set(L.v),
    ...accumulate,
  ]);
  const body = [
    ...get(cols), ...i32(2), ...op.shl, ...set(L.rb),
    // full blocks of 4 rows, then the remainder one row at a time
    ...forLoop(L.r, i32(0), [...get(rows), ...i32(-4), ...op.and], i32(4), [
      ...get(px), ...get(L.r), ...get(L.rb), ...op.mul, ...op.add, ...set(L.base), ...rowLoop(4),
    ]),
    ...forLoop(L.r, [...get(rows), ...i32(-4), ...op.and], get(rows), i32(1), [
      ...get(px), ...get(L.r), ...get(L.rb), ...op.mul, ...op.add, ...set(L.base), ...rowLoop(1),
    ]),
  ];
  return { name: 'col_sum', params: [I32, I32, I32, I32], locals: groups, body };
}

export interface SimdKernels {
  reluGrad(pg: number, px: number, pout: number, n: number): void;
  leakyReluGrad(pg: number, px: number, pout: number, n: number, alpha: number): void;
  maxPoolGrad(px: number, py: number, pg: number, pdx: number, ...pool: number[]): void;
  maxPoolGradTiled(px: number, py: number, pg: number, pdx: number, ...pool: number[]): void;
  maxPoolGrad2x2(px: number, py: number, pg: number, pdx: number, ...dims: number[]): void;
  avgPoolGrad(pg: number, pdx: number, ...poolAndScale: number[]): void;
  avgPoolGradTiled(pg: number, pdx: number, ...poolAndScale: number[]): void;
  colSum(px: number, pacc: number, rows: number, cols: number): void;
  transpose4x4(src: number, dst: number, rows: number, cols: number, srs: number, drs: number,
    count: number, sbs: number, dbs: number): void;
  swapBlocks(src: number, dst: number, a: number, b: number, n: number): void;
  im2col(x: number, dst: number, ...geometry: number[]): void;
  col2im(x: number, cols: number, ...geometry: number[]): void;
  filterGradSmall(x: number, dy: number, dw: number, ...geometryAndCo: number[]): void;
  adamStep(w: number, m: number, v: number, g: number, w2: number, m2: number, v2: number, n: number, ...scalars: number[]): void;
  biasAdd(px: number, pb: number, pout: number, rows: number, c: number): void;
}

/** SimdKernels method → wasm export name. */
const EXPORTS: Record<keyof SimdKernels, string> = {
  reluGrad: 'relu_grad', leakyReluGrad: 'leaky_relu_grad',
  maxPoolGrad: 'max_pool_grad', maxPoolGradTiled: 'max_pool_grad_tiled', maxPoolGrad2x2: 'max_pool_grad_2x2',
  avgPoolGrad: 'avg_pool_grad', avgPoolGradTiled: 'avg_pool_grad_tiled', colSum: 'col_sum',
  transpose4x4: 'transpose4x4', swapBlocks: 'swap_blocks', im2col: 'im2col', col2im: 'col2im', biasAdd: 'bias_add',
  filterGradSmall: 'filter_grad_small', adamStep: 'adam_step',
};

/** The module's wasm bytes (exported for a validation test). */
export function simdModuleBytes(): Uint8Array {
  return assemble([
    reluGrad(), leakyReluGrad(), maxPoolGrad(true), maxPoolGrad(false), maxPoolGrad2x2(), avgPoolGrad(true),
    avgPoolGrad(false), colSum(), transpose4x4(), swapBlocks(), im2col(), col2im(), biasAdd(), filterGradSmall(), adamStep(),
  ]);
}

const cache = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/**
 * Instantiates the SIMD kernels on `memory` (tfjs-backend-wasm's heap), once per
 * memory. Returns null where that is impossible (no wasm SIMD, the shared
 * memory of the threaded build, a CSP without 'wasm-unsafe-eval'); callers then
 * use JS loops. Compiles synchronously: the module is ~5 KB, which browsers
 * allow on any thread (and training runs in a worker anyway).
 */
export function simdKernelsFor(memory: WebAssembly.Memory | undefined): SimdKernels | null {
  if (memory == null) return null;
  if (cache.has(memory)) return cache.get(memory) ?? null;
  let k: SimdKernels | null = null;
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(simdModuleBytes() as BufferSource), { env: { memory } });
    const e = inst.exports as Record<string, unknown>;
    const entries = Object.entries(EXPORTS).map(([method, name]) => {
      if (typeof e[name] !== 'function') throw new Error(`missing export ${name}`);
      return [method, e[name]];
    });
    k = Object.fromEntries(entries) as SimdKernels;
  } catch {
    k = null;
  }
  cache.set(memory, k);
  return k;
}
