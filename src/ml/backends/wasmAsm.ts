/**
 * A tiny WebAssembly binary assembler: just enough to write a few SIMD loops
 * that run on tfjs-backend-wasm's own heap (the module imports its memory).
 *
 * Why not JS: V8 compiles typed-array loops in functions to ~2 ns/element and
 * data-dependent branches cost ~7 ns (mispredicts), while a wasm SIMD loop does
 * 4 lanes per instruction with no branches. Why hand-assembled: no toolchain is
 * needed at build time and the binary is a few hundred bytes.
 *
 * Encoding reference: WebAssembly core spec (binary format) and the SIMD
 * proposal's final opcode table (0xFD prefix + LEB128 opcode).
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const simd = (op: number) => [0xfd, ...uleb(op)];
/** memarg: alignment exponent and offset 0. */
const mem = (align: number) => [align, 0];

/** Instruction emitters; each returns bytes, composed with plain arrays. */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v | 0)],
  add: [0x6a], sub: [0x6b], mul: [0x6c], divS: [0x6d], and: [0x71], shl: [0x74],
  ltS: [0x48], ltU: [0x49], geS: [0x4e], gtS: [0x4a], eqz: [0x45],
  f32Load: [0x2a, ...mem(2)], f32Store: [0x38, ...mem(2)],
  f32Gt: [0x5e], f32Add: [0x92], f32Mul: [0x94], f32Div: [0x95], f32Sqrt: [0x91], f32Const0: [0x43, 0, 0, 0, 0],
  select: [0x1b],
  drop: [0x1a],
  vLoad: [...simd(0x00), ...mem(0)], vStore: [...simd(0x0b), ...mem(0)],
  vZero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Splat: simd(0x13), f32x4Eq: simd(0x41), f32x4Gt: simd(0x44), v32Splat: [...simd(0x09), ...mem(2)],
  vAnd: simd(0x4e), vAndNot: simd(0x4f), vOr: simd(0x50), vBitselect: simd(0x52),
  f32x4Add: simd(0xe4), f32x4Mul: simd(0xe6), f32x4Div: simd(0xe7), f32x4Sqrt: simd(0xe3),
  f64x2Add: simd(0xf0), f64x2PromoteLow: simd(0x5f),
  /** Moves lanes 2,3 of the top vector to lanes 0,1 (i8x16.shuffle of it with itself). */
  highToLow: [...simd(0x0d), 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7],
};

/** `block (loop ... br_if-to-exit / br-to-top)`: body runs while `cond` (an i32 expression) is true. */
export function whileLoop(cond: number[], body: number[]): number[] {
  return [
    0x02, 0x40, // block
    0x03, 0x40, // loop
    ...cond, ...op.eqz, 0x0d, 1, // br_if 1 (exit) when !cond
    ...body,
    0x0c, 0, // br 0 (continue)
    0x0b, 0x0b, // end loop, end block
  ];
}

/** if (cond) then else otherwise. */
export function ifElse(cond: number[], then: number[], otherwise: number[]): number[] {
  return [...cond, 0x04, 0x40, ...then, 0x05, ...otherwise, 0x0b];
}

/** i8x16.shuffle of two f32x4 vectors by float lane (0-3: first operand, 4-7: second). */
export function shuffle32(lanes: [number, number, number, number]): number[] {
  return [0xfd, 0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])];
}

/** for (i = from; i < to; i += step) body — `from`, `to`, `step` are i32 expressions. */
export function forLoop(i: number, from: number[], to: number[], step: number[], body: number[]): number[] {
  return [
    ...from, ...op.set(i),
    ...whileLoop([...op.get(i), ...to, ...op.ltS], [...body, ...op.get(i), ...step, ...op.add, ...op.set(i)]),
  ];
}

export interface FuncDef {
  name: string;
  params: number[];
  /** Extra locals by type, e.g. [[I32, 6], [V128, 3]]. */
  locals: Array<[number, number]>;
  body: number[];
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function str(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

/** Assembles a module that imports `env.memory` and exports the given functions (no results). */
export function assemble(funcs: FuncDef[]): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const imports = [[...str('env'), ...str('memory'), 0x02, 0x00, 0x00]]; // memory, limits {min 0}
  const functions = funcs.map((_, i) => uleb(i));
  const exports = funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]);
  const codes = funcs.map((f) => {
    const body = [...vec(f.locals.map(([t, n]) => [...uleb(n), t])), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(functions)),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
