/**
 * The cross-backend sweep in a real browser (issue 17): the reduced sweep of
 * src/ml/model/sweepRunner.ts on WebGL and WebGPU against the cpu backend, in a page of its
 * own. The sweep code is bundled here with esbuild and served from the preview server's
 * origin, so the app needs no test hook. The full sweep runs on wasm in Vitest (sweep.test.ts).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { expect, expectNoConsoleErrors, test } from './fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));
let bundle = '';

test.beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: `
        import { installFastGradients } from './src/ml/backends/wasmGradients';
        import { reducedCases, runSweep } from './src/ml/model/sweepRunner';
        window.nnlabSweep = async (backend, thin) => {
          if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
          installFastGradients(); // the Conv2D gradient the app installs on every backend
          try { return await runSweep(reducedCases(thin), backend); } catch (e) { return { backend, error: String(e) }; }
        };
        document.body.dataset.status = 'ready';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0].text;
});

// SwiftShader WebGL takes seconds per configuration: it gets a thinner sample (known-bad family kept whole).
const THIN = { webgl: 4, webgpu: 1 };

interface Report { backend: string; configs?: number; outputs?: number; failures?: string[]; error?: string }

for (const backend of ['webgl', 'webgpu'] as const) {
  test(`every spec configuration computes on ${backend} what it computes on cpu (reduced sweep)`, async ({ page, consoleErrors }) => {
    test.setTimeout(600_000);
    await page.route('**/__sweep/**', (route) => {
      const js = route.request().url().endsWith('.js');
      return route.fulfill({
        contentType: js ? 'text/javascript' : 'text/html',
        body: js ? bundle : '<!doctype html><title>backend sweep</title><script type="module" src="sweep.js"></script>',
      });
    });
    await page.goto('./__sweep/index.html');
    await expect(page.locator('body')).toHaveAttribute('data-status', 'ready');
    const usable = await page.evaluate(async (b) => {
      if (b === 'webgpu') return 'gpu' in navigator && (await (navigator as unknown as { gpu: { requestAdapter(): Promise<unknown> } }).gpu.requestAdapter()) != null;
      return document.createElement('canvas').getContext('webgl2') != null;
    }, backend);
    test.skip(!usable, `${backend} is not available in this browser`);
    const report = await page.evaluate(([b, thin]) => (window as unknown as { nnlabSweep(b: string, thin: number): Promise<Report> }).nnlabSweep(b, thin), [backend, THIN[backend]] as const);
    console.log(`${backend}: ${report.configs} configs, ${report.outputs} outputs, ${report.failures?.length} failing`);
    expect(report.error).toBeUndefined();
    expect(report.configs).toBeGreaterThan(100);
    // Known and still open (issue 17): dilated convs on the GPU backends of tfjs 4.22. webgpu
    // computes them wrongly (17 of 17 dilated cases in the reduced sweep, forward and backward);
    // webgl fails to compile the shader ("'lessThan': no matching overloaded function", 3 of 3).
    // Listed as annotations, not hidden; every other configuration must agree with cpu.
    const known = (f: string) => / d[2-9] /.test(f);
    const open = report.failures?.filter(known) ?? [];
    if (open.length) test.info().annotations.push({ type: 'known issue', description: `${open.length} dilated convs fail on ${backend}:\n${open.join('\n')}` });
    expect(report.failures?.filter((f) => !known(f))).toEqual([]);
    expectNoConsoleErrors(consoleErrors);
  });
}
