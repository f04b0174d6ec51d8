/**
 * SIMD data-movement loops (transposes, im2col, bias add) for wasmSimd.ts.
 * All sizes are in elements; addresses are byte offsets on the tfjs heap.
 */
import { forLoop, I32, ifElse, op, shuffle32, V128, type FuncDef } from './wasmAsm';

const { get, set, i32 } = op;

/** Local-index allocator shared with wasmSimd.ts. */
export function locals(nParams: number, spec: Record<string, number>) {
  const idx: Record<string, number> = {};
  const groups: Array<[number, number]> = [];
  let next = nParams;
  for (const type of [I32, V128]) {
    const names = Object.keys(spec).filter((k) => spec[k] === type);
    names.forEach((k) => (idx[k] = next++));
    if (names.length) groups.push([type, names.length]);
  }
  return { idx, groups };
}

const bytes = (e: number[]) => [...e, ...i32(2), ...op.shl];

/**
 * Batched 2-D transpose in 4×4 register blocks (rows, cols multiples of 4):
 * for k < count: dst[k·dbs + c·drs + r] = src[k·sbs + r·srs + c].
 * (src, dst, rows, cols, srs, drs, count, sbs, dbs)
 */
export function transpose4x4(): FuncDef {
  const [src, dst, rows, cols, srs, drs, count, sbs, dbs] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const { idx: L, groups } = locals(9, {
    k: I32, r: I32, c: I32, s: I32, d: I32, sb: I32, db: I32, rs: I32, ds: I32,
    r0: V128, r1: V128, r2: V128, r3: V128, t0: V128, t1: V128, t2: V128, t3: V128,
  });
  const row = (base: number, stride: number, i: number) => [...get(base), ...(i ? [...get(stride), ...i32(i), ...op.mul, ...op.add] : [])];
  const load = (i: number, to: number) => [...row(L.s, L.rs, i), ...op.vLoad, ...set(to)];
  const shuf = (a: number, b: number, lanes: [number, number, number, number], to: number) =>
    [...get(a), ...get(b), ...shuffle32(lanes), ...set(to)];
  const store = (i: number, a: number, b: number, lanes: [number, number, number, number]) =>
    [...row(L.d, L.ds, i), ...get(a), ...get(b), ...shuffle32(lanes), ...op.vStore];
  const block = [
    ...load(0, L.r0), ...load(1, L.r1), ...load(2, L.r2), ...load(3, L.r3),
    ...shuf(L.r0, L.r1, [0, 4, 1, 5], L.t0), ...shuf(L.r0, L.r1, [2, 6, 3, 7], L.t1),
    ...shuf(L.r2, L.r3, [0, 4, 1, 5], L.t2), ...shuf(L.r2, L.r3, [2, 6, 3, 7], L.t3),
    ...store(0, L.t0, L.t2, [0, 1, 4, 5]), ...store(1, L.t0, L.t2, [2, 3, 6, 7]),
    ...store(2, L.t1, L.t3, [0, 1, 4, 5]), ...store(3, L.t1, L.t3, [2, 3, 6, 7]),
  ];
  const body = [
    ...bytes(get(srs)), ...set(L.rs), ...bytes(get(drs)), ...set(L.ds),
    ...forLoop(L.k, i32(0), get(count), i32(1), [
      ...get(src), ...bytes([...get(L.k), ...get(sbs), ...op.mul]), ...op.add, ...set(L.sb),
      ...get(dst), ...bytes([...get(L.k), ...get(dbs), ...op.mul]), ...op.add, ...set(L.db),
      ...forLoop(L.r, i32(0), get(rows), i32(4), [
        ...forLoop(L.c, i32(0), get(cols), i32(4), [
          ...get(L.sb), ...bytes([...get(L.r), ...get(srs), ...op.mul, ...get(L.c), ...op.add]), ...op.add, ...set(L.s),
          ...get(L.db), ...bytes([...get(L.c), ...get(drs), ...op.mul, ...get(L.r), ...op.add]), ...op.add, ...set(L.d),
          ...block,
        ]),
      ]),
    ]),
  ];
  return { name: 'transpose4x4', params: new Array<number>(9).fill(I32), locals: groups, body };
}

/** dst[b, a, :] = src[a, b, :] for rows of n elements (n multiple of 4). (src, dst, A, B, n) */
export function swapBlocks(): FuncDef {
  const [src, dst, A, B, n] = [0, 1, 2, 3, 4];
  const { idx: L, groups } = locals(5, { a: I32, b: I32, i: I32, nb: I32, s: I32, d: I32 });
  const body = [
    ...bytes(get(n)), ...set(L.nb),
    ...forLoop(L.a, i32(0), get(A), i32(1), [
      ...forLoop(L.b, i32(0), get(B), i32(1), [
        ...get(src), ...get(L.a), ...get(B), ...op.mul, ...get(L.b), ...op.add, ...get(L.nb), ...op.mul, ...op.add, ...set(L.s),
        ...get(dst), ...get(L.b), ...get(A), ...op.mul, ...get(L.a), ...op.add, ...get(L.nb), ...op.mul, ...op.add, ...set(L.d),
        ...forLoop(L.i, i32(0), get(L.nb), i32(16), [
          ...get(L.d), ...get(L.i), ...op.add, ...get(L.s), ...get(L.i), ...op.add, ...op.vLoad, ...op.vStore,
        ]),
      ]),
    ]),
  ];
  return { name: 'swap_blocks', params: [I32, I32, I32, I32, I32], locals: groups, body };
}

/**
 * The im2col loop nest: for every output pixel (b, oy, ox) and tap (i, j), `q`
 * walks the patch matrix row by row and `s` points at x[b, h, w, 0] when the
 * tap is inside the image (h = oy·sh + i·dh − pt, w = ox·sw + j·dw − pl).
 * Params: (x, cols, B, H, W, C, OH, OW, KH, KW, sh, sw, dh, dw, pt, pl).
 */
function patchLoops(name: string, inside: (L: Record<string, number>) => number[], outside: (L: Record<string, number>) => number[]): FuncDef {
  const P = { x: 0, cols: 1, B: 2, H: 3, W: 4, C: 5, OH: 6, OW: 7, KH: 8, KW: 9, sh: 10, sw: 11, dh: 12, dw: 13, pt: 14, pl: 15 };
  const { idx: L, groups } = locals(16, { b: I32, oy: I32, ox: I32, i: I32, j: I32, h: I32, w: I32, q: I32, s: I32, e: I32, cb: I32 });
  const body = [
    ...bytes(get(P.C)), ...set(L.cb),
    ...get(P.cols), ...set(L.q),
    ...forLoop(L.b, i32(0), get(P.B), i32(1), [
      ...forLoop(L.oy, i32(0), get(P.OH), i32(1), [
        ...forLoop(L.ox, i32(0), get(P.OW), i32(1), [
          ...forLoop(L.i, i32(0), get(P.KH), i32(1), [
            ...get(L.oy), ...get(P.sh), ...op.mul, ...get(L.i), ...get(P.dh), ...op.mul, ...op.add, ...get(P.pt), ...op.sub, ...set(L.h),
            ...forLoop(L.j, i32(0), get(P.KW), i32(1), [
              ...get(L.ox), ...get(P.sw), ...op.mul, ...get(L.j), ...get(P.dw), ...op.mul, ...op.add, ...get(P.pl), ...op.sub, ...set(L.w),
              // in bounds ⇔ (unsigned) h < H and (unsigned) w < W
              ...ifElse([...get(L.h), ...get(P.H), ...op.ltU, ...get(L.w), ...get(P.W), ...op.ltU, ...op.and], [
                ...get(P.x), ...bytes([...get(L.b), ...get(P.H), ...op.mul, ...get(L.h), ...op.add, ...get(P.W), ...op.mul,
                  ...get(L.w), ...op.add, ...get(P.C), ...op.mul]), ...op.add, ...set(L.s),
                ...inside(L),
              ], outside(L)),
              ...get(L.q), ...get(L.cb), ...op.add, ...set(L.q),
            ]),
          ]),
        ]),
      ]),
    ]),
  ];
  return { name, params: new Array<number>(16).fill(I32), locals: groups, body };
}

/** im2col: cols[(b, oy, ox), (i, j, c)] = x[b, h, w, c], 0 outside (any C). */
export function im2col(): FuncDef {
  return patchLoops('im2col',
    (L) => forLoop(L.e, i32(0), get(L.cb), i32(4), [
      ...get(L.q), ...get(L.e), ...op.add, ...get(L.s), ...get(L.e), ...op.add, ...op.f32Load, ...op.f32Store,
    ]),
    (L) => forLoop(L.e, i32(0), get(L.cb), i32(4), [...get(L.q), ...get(L.e), ...op.add, ...op.f32Const0, ...op.f32Store]));
}

/** col2im (the adjoint of im2col): x[b, h, w, :] += cols[(b, oy, ox), (i, j, :)] (x pre-zeroed, C multiple of 4). */
export function col2im(): FuncDef {
  return patchLoops('col2im',
    (L) => forLoop(L.e, i32(0), get(L.cb), i32(16), [
      ...get(L.s), ...get(L.e), ...op.add,
      ...get(L.s), ...get(L.e), ...op.add, ...op.vLoad, ...get(L.q), ...get(L.e), ...op.add, ...op.vLoad, ...op.f32x4Add,
      ...op.vStore,
    ]),
    () => []);
}

/** out[r, :] = x[r, :] + bias (C multiple of 4). (px, pb, pout, rows, C) */
export function biasAdd(): FuncDef {
  const [px, pb, pout, rows, C] = [0, 1, 2, 3, 4];
  const { idx: L, groups } = locals(5, { r: I32, c: I32, rb: I32, o: I32 });
  const body = [
    ...bytes(get(C)), ...set(L.rb),
    ...forLoop(L.r, i32(0), get(rows), i32(1), [
      ...get(L.r), ...get(L.rb), ...op.mul, ...set(L.o),
      ...forLoop(L.c, i32(0), get(L.rb), i32(16), [
        ...get(pout), ...get(L.o), ...op.add, ...get(L.c), ...op.add,
        ...get(px), ...get(L.o), ...op.add, ...get(L.c), ...op.add, ...op.vLoad,
        ...get(pb), ...get(L.c), ...op.add, ...op.vLoad, ...op.f32x4Add, ...op.vStore,
      ]),
    ]),
  ];
  return { name: 'bias_add', params: [I32, I32, I32, I32, I32], locals: groups, body };
}

