/**
 * Runs sweep cases on a backend and on a reference backend (cpu: tfjs' reference kernels) and
 * lists the cases that disagree. Shared by the Vitest sweep (wasm, sweep.test.ts) and the
 * browser sweep (webgl/webgpu, e2e/backend-sweep.spec.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { compareResults, convCases, evaluateCase, layerCases, poolCases, presetCases, type CaseResult, type SweepCase } from './sweep';

export interface SweepReport {
  backend: string;
  configs: number;
  /** Output tensors compared (y, dL/dx and every dL/dW of every case). */
  outputs: number;
  /** One line per disagreeing case: its configuration, the error and the worst value. */
  failures: string[];
}

async function use(backend: string): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not initialise`);
  await tf.ready();
}

export async function runSweep(cases: SweepCase[], backend: string, reference = 'cpu'): Promise<SweepReport> {
  const failures: string[] = [];
  const attempt = async (c: SweepCase, on: string): Promise<CaseResult | null> => {
    try {
      return await evaluateCase(c);
    } catch (e) {
      failures.push(`${c.id}: threw on ${on}: ${(e as Error).message}`);
      return null;
    }
  };
  await use(reference);
  const ref: Array<CaseResult | null> = [];
  for (const c of cases) ref.push(await attempt(c, reference));
  await use(backend);
  for (const [i, c] of cases.entries()) {
    const r = ref[i];
    const got = r && (await attempt(c, backend));
    if (!r || !got) continue;
    const { err, worst } = compareResults(got, r);
    if (!(err <= c.tol)) failures.push(`${c.id}: max err ${err.toPrecision(3)} > ${c.tol} on ${backend} (${worst})`);
  }
  const outputs = ref.reduce((a, r) => a + (r?.values.length ?? 0), 0);
  return { backend, configs: cases.length, outputs, failures };
}

/**
 * A reduced sweep for slow backends (webgl/webgpu compile shaders per shape): the known-bad
 * 'same' geometries once each, every 16th other conv case, every 24th pool case, all single-layer cases and
 * the small stacks. `thin` keeps a further 1/thin of the non-bad cases (SwiftShader WebGL is slow).
 */
export function reducedCases(thin = 1): SweepCase[] {
  const seen = new Set<string>();
  const conv = convCases().filter((c, i) => {
    if (!c.negativeSamePad) return i % (16 * thin) === 0;
    const geometry = c.id.replace(/×\d+ (k)/, ' $1').replace(/ filters.*/, '');
    if (seen.has(geometry)) return false;
    seen.add(geometry);
    return true;
  });
  const pool = poolCases().filter((_, i) => i % (24 * thin) === 0);
  const stacks = presetCases().filter((c) => !/preset/.test(c.id));
  return [...conv, ...pool, ...layerCases().filter((_, i) => i % thin === 0), ...stacks];
}
