#!/usr/bin/env node
/**
 * The longest main-thread task while the reader switches language during training.
 *
 * Opens chapter 7 (the MNIST lab) in headless Chromium against an already running preview
 * server, starts a short training run, then switches zh ↔ en several times while it trains,
 * with a PerformanceObserver('longtask') installed. Prints the figures and writes JSON.
 * Long tasks are wall-clock time, which a busy machine inflates; a Chromium trace of the same
 * switches also gives each main-thread task's CPU time (thread time), the steadier figure.
 *
 *   node scripts/measure-lang-switch.mjs [baseURL] [out.json]
 *   (default http://127.0.0.1:4173/ and lang-switch.json; CHROMIUM_PATH as for the tests)
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.argv[2] || 'http://127.0.0.1:4173/';
const out = process.argv[3] || 'lang-switch.json';
const SWITCHES = 6;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
await page.goto(`${base}#/en/07-mnist-lab`);
const panel = page.locator('[data-panel="mnist-trainer"]');
await panel.waitFor();
await panel.scrollIntoViewIfNeeded();
await panel.getByTestId('setting-subset').fill('5000');
await panel.getByTestId('setting-epochs').fill('20');
await panel.getByTestId('train-start').click();
// Training, not loading: the worker is sending batch events while we switch.
await page.locator('[data-testid="train-status"][data-status="running"]').waitFor({ timeout: 180_000 });
await page.waitForTimeout(1500);

await page.evaluate(() => {
  const w = /** @type {any} */ (window);
  w.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longtasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: false });
});

await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
const perSwitch = [];
for (let i = 0; i < SWITCHES; i++) {
  const to = i % 2 === 0 ? 'zh' : 'en';
  const before = await page.evaluate(() => /** @type {any} */ (window).__longtasks.length);
  const t0 = Date.now();
  await page.getByTestId(`lang-${to}`).click();
  await page.locator(`html[lang="${to === 'zh' ? 'zh-CN' : 'en'}"]`).waitFor();
  await page.locator(`[data-chapter="07-mnist-lab"]`).waitFor();
  // Let deferred work (transitions, diagrams, charts) finish before the next switch.
  await page.waitForTimeout(2500);
  const tasks = await page.evaluate((n) => /** @type {any} */ (window).__longtasks.slice(n), before);
  const longest = tasks.reduce((m, t) => Math.max(m, t.ms), 0);
  perSwitch.push({ to, longestTaskMs: longest, longTasks: tasks.map((t) => t.ms), settledAfterMs: Date.now() - t0 });
  console.log(`switch ${i + 1} → ${to}: longest task ${longest} ms (${tasks.length} long tasks: ${tasks.map((t) => t.ms).join(', ')})`);
}
const trace = JSON.parse((await browser.stopTracing()).toString());
const events = trace.traceEvents ?? trace;
// The page's main thread: the CrRendererMain thread that ran the most tasks.
const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tasks = (t) => events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === t.pid && e.tid === t.tid);
const main = mains.map((t) => ({ t, n: tasks(t).length })).sort((a, b) => b.n - a.n)[0]?.t;
const mainTasks = main ? tasks(main) : [];
const cpuMs = Math.round(Math.max(0, ...mainTasks.map((e) => (e.tdur ?? 0) / 1000)));
const wallMs = Math.round(Math.max(0, ...mainTasks.map((e) => e.dur / 1000)));
const status = await page.locator('[data-testid="train-status"]').getAttribute('data-status');
const result = {
  date: new Date().toISOString(),
  base,
  switches: perSwitch,
  longestTaskMs: Math.max(...perSwitch.map((s) => s.longestTaskMs)),
  trace: { longestTaskCpuMs: cpuMs, longestTaskWallMs: wallMs, tasksOver100msCpu: mainTasks.filter((e) => (e.tdur ?? 0) > 100_000).length },
  trainingStatusAtEnd: status,
};
console.log(`longest main-thread task during a language switch: ${result.longestTaskMs} ms wall (longtask observer)`);
console.log(`trace: longest task ${cpuMs} ms CPU / ${wallMs} ms wall; tasks over 100 ms CPU: ${result.trace.tasksOver100msCpu} (training status at end: ${status})`);
writeFileSync(out, JSON.stringify(result, null, 2));
await browser.close();
