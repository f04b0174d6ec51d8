#!/usr/bin/env node
/**
 * First-load benchmark: `npm run bench:first-load [-- options]`.
 *
 * Serves the built site with `vite preview` (which gzips, like most static hosts), then opens
 * `#/en/01-neuron` cold N times in headless Chromium (a new context each time, cache disabled)
 * and measures, in the page:
 *   - visibleMs: navigation → first frame in which the chapter heading AND a rendered KaTeX
 *     formula both have a box on screen (headingMs and katexMs separately);
 *   - gzip KiB of JavaScript whose download finished before that frame (Resource Timing's
 *     encodedBodySize, i.e. what came over the wire; when a server sends it uncompressed we
 *     gzip the file from the build ourselves), and the list of those files;
 *   - the longest main-thread task (PerformanceObserver 'longtask', buffered) from navigation
 *     until the page is quiet (network idle + 1 s), and the longest before the text showed.
 * Prints a table and writes bench/results/first-load.json (ignored by git).
 *
 * Options:
 *   --dist DIR     built site to serve (default dist; build it first with `npm run build`)
 *   --runs N       cold loads (default 5)
 *   --port P       port for vite preview (default 4179)
 *   --route R      hash route to open (default /en/01-neuron)
 *   --out FILE     results file (default bench/results/first-load.json)
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { f1, table } from './bench-lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
};
const distDir = resolve(root, opt('dist', 'dist'));
const runs = Number(opt('runs', '5'));
const port = Number(opt('port', '4179'));
const route = opt('route', '/en/01-neuron');
const outFile = resolve(root, opt('out', 'bench/results/first-load.json'));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const GOALS = { jsKiB: 200, longTaskMs: 200, visibleMs: 1000 };

if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`No build in ${distDir}: run \`npm run build\` first (or pass --dist).`);
  process.exit(1);
}

// ---- vite preview -----------------------------------------------------------------------------
async function startPreview() {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const child = spawn(vite, ['preview', '--outDir', distDir, '--port', String(port), '--strictPort'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited:\n${log}`);
    try {
      if ((await fetch(base)).ok) return { child, base };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${base}:\n${log}`);
}

// ---- in-page probes (run before any of the page's own scripts) ---------------------------------
function probe() {
  const fl = { longtasks: [], headingMs: null, katexMs: null };
  window.__firstLoad = fl;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) fl.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no longtask support: reported as null */
  }
  const shown = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  // rAF runs just before each paint: the first frame where both exist is when the reader sees them.
  const tick = () => {
    const now = performance.now();
    if (fl.headingMs === null && shown('[data-chapter] h1')) fl.headingMs = now;
    if (fl.katexMs === null && shown('[data-chapter] .katex')) fl.katexMs = now;
    if (fl.headingMs === null || fl.katexMs === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const gzCache = new Map();
/** gzip size of a built file, for responses a server sent uncompressed. */
function gzipOfDistFile(url) {
  const rel = new URL(url).pathname.replace(/^\//, '');
  if (!gzCache.has(rel)) {
    const p = join(distDir, rel);
    gzCache.set(rel, existsSync(p) ? gzipSync(readFileSync(p), { level: 9 }).length : 0);
  }
  return gzCache.get(rel);
}

async function oneLoad(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript(probe);
  await page.goto(`${base}#${route}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstLoad.headingMs !== null && window.__firstLoad.katexMs !== null, null, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const r = await page.evaluate(() => ({
    ...window.__firstLoad,
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      start: e.startTime,
      end: e.responseEnd,
      encoded: e.encodedBodySize,
      decoded: e.decodedBodySize,
    })),
  }));
  await context.close();
  const visibleMs = Math.max(r.headingMs, r.katexMs);
  const js = r.resources
    .filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname))
    .map((e) => {
      const compressed = e.encoded > 0 && e.encoded < e.decoded;
      const gz = compressed ? e.encoded : gzipOfDistFile(e.name);
      return { file: basename(new URL(e.name).pathname), gzBytes: gz, rawBytes: e.decoded, startMs: e.start, endMs: e.end, servedGzip: compressed };
    })
    .sort((a, b) => a.endMs - b.endMs);
  const before = js.filter((f) => f.endMs <= visibleMs);
  const tasks = r.longtasks.map((t) => t.duration);
  return {
    visibleMs,
    headingMs: r.headingMs,
    katexMs: r.katexMs,
    jsKiBBeforeVisible: before.reduce((s, f) => s + f.gzBytes, 0) / 1024,
    jsRawKiBBeforeVisible: before.reduce((s, f) => s + f.rawBytes, 0) / 1024,
    jsFilesBeforeVisible: before.map((f) => f.file),
    jsKiBWholeLoad: js.reduce((s, f) => s + f.gzBytes, 0) / 1024,
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    longestTaskBeforeVisibleMs: Math.max(0, ...r.longtasks.filter((t) => t.start < visibleMs).map((t) => t.duration)),
    longTasks: r.longtasks.map((t) => ({ startMs: Math.round(t.start), durationMs: Math.round(t.duration) })),
    jsFiles: js.map((f) => ({ ...f, startMs: Math.round(f.startMs), endMs: Math.round(f.endMs) })),
  };
}

/** From the build manifest (build.manifest): the JS the entry imports statically, i.e. before any of its code runs. */
function entryClosure() {
  const file = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const seen = new Set();
  const walk = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const k of manifest[key].imports ?? []) walk(k);
  };
  walk('index.html');
  const files = [...seen].map((k) => manifest[k].file);
  const kib = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0) / 1024;
  return { files, gzKiB: kib, dynamicImports: manifest['index.html']?.dynamicImports?.length ?? 0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const load = [os.loadavg()[0]];
  const { child, base } = await startPreview();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await oneLoad(browser, base);
      results.push(r);
      console.log(`run ${i + 1}/${runs}: visible ${f1(r.visibleMs)} ms, ${f1(r.jsKiBBeforeVisible)} KiB gz JS before, longest task ${f1(r.longestTaskMs)} ms`);
    }
  } finally {
    await browser.close();
    child.kill();
    load.push(os.loadavg()[0]);
  }
  const pick = (k) => results.map((r) => r[k]);
  const summary = {
    visibleMs: median(pick('visibleMs')),
    headingMs: median(pick('headingMs')),
    katexMs: median(pick('katexMs')),
    jsKiBBeforeVisible: median(pick('jsKiBBeforeVisible')),
    jsKiBWholeLoad: median(pick('jsKiBWholeLoad')),
    longestTaskMs: Math.max(...pick('longestTaskMs')),
    longestTaskBeforeVisibleMs: Math.max(...pick('longestTaskBeforeVisibleMs')),
  };
  console.log(`\nFirst load of #${route} (${runs} cold loads, vite preview, headless Chromium; median, longest task = max)\n`);
  console.log(
    table([
      ['measure', 'median', 'min', 'max', 'goal'],
      ['text + maths visible (ms)', f1(summary.visibleMs), f1(Math.min(...pick('visibleMs'))), f1(Math.max(...pick('visibleMs'))), `≤ ${GOALS.visibleMs}`],
      ['  chapter heading (ms)', f1(summary.headingMs), f1(Math.min(...pick('headingMs'))), f1(Math.max(...pick('headingMs'))), ''],
      ['  first KaTeX formula (ms)', f1(summary.katexMs), f1(Math.min(...pick('katexMs'))), f1(Math.max(...pick('katexMs'))), ''],
      ['JS before visible (KiB gz)', f1(summary.jsKiBBeforeVisible), f1(Math.min(...pick('jsKiBBeforeVisible'))), f1(Math.max(...pick('jsKiBBeforeVisible'))), `≤ ${GOALS.jsKiB}`],
      ['JS whole load (KiB gz)', f1(summary.jsKiBWholeLoad), f1(Math.min(...pick('jsKiBWholeLoad'))), f1(Math.max(...pick('jsKiBWholeLoad'))), ''],
      ['longest task (ms)', f1(median(pick('longestTaskMs'))), f1(Math.min(...pick('longestTaskMs'))), f1(summary.longestTaskMs), `≤ ${GOALS.longTaskMs}`],
      ['  before visible (ms)', f1(median(pick('longestTaskBeforeVisibleMs'))), f1(Math.min(...pick('longestTaskBeforeVisibleMs'))), f1(summary.longestTaskBeforeVisibleMs), ''],
    ]),
  );
  const closure = entryClosure();
  if (closure) console.log(`\nEntry's static imports (manifest): ${closure.files.join(', ')} = ${f1(closure.gzKiB)} KiB gz; ${closure.dynamicImports} lazy imports`);
  const first = results[0];
  console.log(`\nJS before visible (run 1): ${first.jsFiles.filter((f) => f.endMs <= first.visibleMs).map((f) => `${f.file} ${f1(f.gzBytes / 1024)}`).join(', ')}`);
  console.log(`JS after (run 1): ${first.jsFiles.filter((f) => f.endMs > first.visibleMs).map((f) => `${f.file} ${f1(f.gzBytes / 1024)}`).join(', ') || 'none'}`);
  console.log(`machine load (1-min average): ${load.map((x) => x.toFixed(2)).join(' → ')} on ${os.cpus().length} cores`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    JSON.stringify({ date: new Date().toISOString(), route, runs, dist: distDir, goals: GOALS, loadAverage: load, cpus: os.cpus().length, summary, entryClosure: closure, results }, null, 2),
  );
  console.log(`wrote ${outFile}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
