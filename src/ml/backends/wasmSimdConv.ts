/**
 * Arithmetic SIMD loops for wasmSimd.ts: a direct filter gradient for
 * convolutions with few taps, and the fused Adam step used by fastAdam.ts.
 *
 * The filter gradient is for KH·KW·Ci small (e.g. a first layer on 1-channel
 * images), where the GEMM routes spend most of their time transposing /
 * packing the large dy:
 *
 *   dW[t, o] = Σ_{b, oh, ow} x[b, oh·sh + kh·dh − pt, ow·sw + kw·dw − pl, c] · dy[b, oh, ow, o]
 *
 * with t = (kh·KW + kw)·Ci + c. For each output row (b, oh) and each 16-channel
 * block of dy, every tap streams the row's dy block (in L1) once with four
 * 4-lane accumulators, so dy is read from memory once per 16 channels.
 */
import { F32, forLoop, I32, ifElse, op, V128, type FuncDef } from './wasmAsm';
import { locals } from './wasmSimdLayout';

const { get, set, tee, i32 } = op;

const P = {
  x: 0, dy: 1, dw: 2, B: 3, H: 4, W: 5, C: 6, OH: 7, OW: 8, KH: 9, KW: 10,
  sh: 11, sw: 12, dh: 13, dwl: 14, pt: 15, pl: 16, Co: 17,
};

/** (x, dy, dW (pre-zeroed, [KH·KW·Ci, Co]), B, H, W, Ci, OH, OW, KH, KW, sh, sw, dh, dw, pt, pl, Co); Co % 16 == 0. */
export function filterGradSmall(): FuncDef {
  const { idx: L, groups } = locals(18, {
    coB: I32, cb: I32, b: I32, oy: I32, row: I32, kh: I32, h: I32, kw: I32, off: I32, ow0: I32, ow1: I32,
    c: I32, acc: I32, ox: I32, xb: I32, p: I32, t: I32,
    a0: V128, a1: V128, a2: V128, a3: V128, s: V128,
  });
  const bytes = (e: number[]) => [...e, ...i32(2), ...op.shl];
  const accLoad = (j: number, to: number) => [...get(L.acc), ...i32(16 * j), ...op.add, ...op.vLoad, ...set(to)];
  const accStore = (j: number, from: number) => [...get(L.acc), ...i32(16 * j), ...op.add, ...get(from), ...op.vStore];
  const fma = (j: number, a: number) => [
    ...get(a), ...get(L.s), ...get(L.p), ...i32(16 * j), ...op.add, ...op.vLoad, ...op.f32x4Mul, ...op.f32x4Add, ...set(a),
  ];
  // ow range with 0 <= ox·sw + off < W: ow0 = off < 0 ? ceil(−off / sw) : 0, ow1 = min(OW, ceil((W − off) / sw)).
  const owRange = [
    ...get(L.kw), ...get(P.dwl), ...op.mul, ...get(P.pl), ...op.sub, ...set(L.off),
    ...i32(0), ...get(L.off), ...op.sub, ...get(P.sw), ...op.add, ...i32(1), ...op.sub, ...get(P.sw), ...op.divS, ...tee(L.t),
    ...i32(0), ...get(L.t), ...i32(0), ...op.gtS, ...op.select, ...set(L.ow0),
    ...get(P.W), ...get(L.off), ...op.sub, ...get(P.sw), ...op.add, ...i32(1), ...op.sub, ...get(P.sw), ...op.divS, ...tee(L.t),
    ...get(P.OW), ...get(L.t), ...get(P.OW), ...op.ltS, ...op.select, ...set(L.ow1),
  ];
  const inner = forLoop(L.c, i32(0), get(P.C), i32(1), [
    // acc = &dW[t, cb], t = (kh·KW + kw)·Ci + c
    ...get(P.dw), ...get(L.kh), ...get(P.KW), ...op.mul, ...get(L.kw), ...op.add, ...get(P.C), ...op.mul, ...get(L.c), ...op.add,
    ...get(L.coB), ...op.mul, ...op.add, ...get(L.cb), ...op.add, ...set(L.acc),
    ...accLoad(0, L.a0), ...accLoad(1, L.a1), ...accLoad(2, L.a2), ...accLoad(3, L.a3),
    ...forLoop(L.ox, get(L.ow0), get(L.ow1), i32(1), [
      // s = splat(x[b, h, ox·sw + off, c]); p = &dy[b, oy, ox, cb]
      ...get(L.xb), ...bytes([...get(L.ox), ...get(P.sw), ...op.mul, ...get(L.off), ...op.add, ...get(P.C), ...op.mul,
        ...get(L.c), ...op.add]), ...op.add, ...op.v32Splat, ...set(L.s),
      ...get(L.row), ...get(L.ox), ...get(L.coB), ...op.mul, ...op.add, ...set(L.p),
      ...fma(0, L.a0), ...fma(1, L.a1), ...fma(2, L.a2), ...fma(3, L.a3),
    ]),
    ...accStore(0, L.a0), ...accStore(1, L.a1), ...accStore(2, L.a2), ...accStore(3, L.a3),
  ]);
  const body = [
    ...bytes(get(P.Co)), ...set(L.coB),
    ...forLoop(L.cb, i32(0), get(L.coB), i32(64), [
      ...forLoop(L.b, i32(0), get(P.B), i32(1), [
        ...forLoop(L.oy, i32(0), get(P.OH), i32(1), [
          ...get(P.dy), ...get(L.b), ...get(P.OH), ...op.mul, ...get(L.oy), ...op.add, ...get(P.OW), ...op.mul,
          ...get(L.coB), ...op.mul, ...op.add, ...get(L.cb), ...op.add, ...set(L.row),
          ...forLoop(L.kh, i32(0), get(P.KH), i32(1), [
            ...get(L.oy), ...get(P.sh), ...op.mul, ...get(L.kh), ...get(P.dh), ...op.mul, ...op.add, ...get(P.pt), ...op.sub, ...set(L.h),
            ...ifElse([...get(L.h), ...get(P.H), ...op.ltU], [
              // xb = &x[b, h, 0, 0]
              ...get(P.x), ...bytes([...get(L.b), ...get(P.H), ...op.mul, ...get(L.h), ...op.add, ...get(P.W), ...op.mul,
                ...get(P.C), ...op.mul]), ...op.add, ...set(L.xb),
              ...forLoop(L.kw, i32(0), get(P.KW), i32(1), [...owRange, ...inner]),
            ], []),
          ]),
        ]),
      ]),
    ]),
  ];
  return { name: 'filter_grad_small', params: new Array<number>(18).fill(I32), locals: groups, body };
}


/**
 * One Adam step for n floats, in exactly tfjs' operation order so results are
 * bit-identical to tf.train.adam on wasm (every step is a correctly rounded
 * f32 op):
 *   m' = m·b1 + g·(1−b1);  v' = v·b2 + (g·g)·(1−b2)
 *   w' = ((m'/c1) / (sqrt(v'/c2) + eps))·(−lr) + w,  c1 = 1−b1^t, c2 = 1−b2^t
 * (w, m, v, g, w', m', v', n, b1, 1−b1, b2, 1−b2, c1, c2, eps, −lr); the vector loop
 * covers n & ~3, a scalar loop the rest.
 */
export function adamStep(): FuncDef {
  const [w, m, v, g, w2, m2, v2, n] = [0, 1, 2, 3, 4, 5, 6, 7];
  const F = { b1: 8, omb1: 9, b2: 10, omb2: 11, c1: 12, c2: 13, eps: 14, nlr: 15 };
  const { idx: L, groups } = locals(16, { i: I32, end4: I32, nb: I32, gv: V128, mv: V128, vv: V128 });
  const at = (p: number) => [...get(p), ...get(L.i), ...op.add];
  // The same expression tree twice: on f32x4 lanes (g, m', v' kept in locals) …
  const splat = (p: number) => [...get(p), ...op.f32x4Splat];
  const vec = [
    ...at(g), ...op.vLoad, ...set(L.gv),
    ...at(m2), ...at(m), ...op.vLoad, ...splat(F.b1), ...op.f32x4Mul, ...get(L.gv), ...splat(F.omb1), ...op.f32x4Mul,
    ...op.f32x4Add, ...tee(L.mv), ...op.vStore,
    ...at(v2), ...at(v), ...op.vLoad, ...splat(F.b2), ...op.f32x4Mul, ...get(L.gv), ...get(L.gv), ...op.f32x4Mul,
    ...splat(F.omb2), ...op.f32x4Mul, ...op.f32x4Add, ...tee(L.vv), ...op.vStore,
    ...at(w2), ...get(L.mv), ...splat(F.c1), ...op.f32x4Div, ...get(L.vv), ...splat(F.c2), ...op.f32x4Div, ...op.f32x4Sqrt,
    ...splat(F.eps), ...op.f32x4Add, ...op.f32x4Div, ...splat(F.nlr), ...op.f32x4Mul, ...at(w), ...op.vLoad, ...op.f32x4Add,
    ...op.vStore,
  ];
  // … and on scalars for the last n % 4 elements (reloading from memory instead of locals).
  const ld = (p: number) => [...at(p), ...op.f32Load];
  const scalar = [
    ...at(m2), ...ld(m), ...get(F.b1), ...op.f32Mul, ...ld(g), ...get(F.omb1), ...op.f32Mul, ...op.f32Add, ...op.f32Store,
    ...at(v2), ...ld(v), ...get(F.b2), ...op.f32Mul, ...ld(g), ...ld(g), ...op.f32Mul, ...get(F.omb2), ...op.f32Mul,
    ...op.f32Add, ...op.f32Store,
    ...at(w2), ...ld(m2), ...get(F.c1), ...op.f32Div, ...ld(v2), ...get(F.c2), ...op.f32Div, ...op.f32Sqrt,
    ...get(F.eps), ...op.f32Add, ...op.f32Div, ...get(F.nlr), ...op.f32Mul, ...ld(w), ...op.f32Add, ...op.f32Store,
  ];
  const body = [
    ...get(n), ...i32(-4), ...op.and, ...i32(2), ...op.shl, ...set(L.end4),
    ...get(n), ...i32(2), ...op.shl, ...set(L.nb),
    ...forLoop(L.i, i32(0), get(L.end4), i32(16), vec),
    ...forLoop(L.i, get(L.end4), get(L.nb), i32(4), scalar),
  ];
  return { name: 'adam_step', params: [...new Array<number>(8).fill(I32), ...new Array<number>(8).fill(F32)], locals: groups, body };
}
