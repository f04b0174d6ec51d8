#!/usr/bin/env node
/**
 * `npm run screenshots`: pictures of the built app, to look at and for the README.
 *
 * Serves dist/ with `vite preview`, opens each chapter in headless Chromium and writes
 * - screenshots/<lang>-<slug>-<desktop|phone>-<light|dark>.png: every chapter, full page, at
 *   1400×900 and 390×844, in both themes (ignored by git; see scripts/screenshot-matrix.mjs);
 * - docs/screenshot.png (the README's picture: chapter 1 with the trainer running) and
 *   docs/screenshots/<lang>-<slug>.jpg (each chapter at its first live panel, after one
 *   interaction), both committed.
 * `-- --matrix` writes only the first set, `-- --docs` only the second.
 * Needs `npm run build` first and fonts-noto-cjk for the Chinese text.
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), SHOT_LANGS (default "zh,en"),
 * SHOT_DIST (the built site, default dist), SHOT_PORT (default 4391).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { shootMatrix } from './screenshot-matrix.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, process.env.SHOT_DIST || 'dist');
if (!existsSync(join(dist, 'index.html'))) throw new Error(`no ${dist}/index.html: run \`npm run build\` first`);
const args = process.argv.slice(2);
const doMatrix = !args.includes('--docs');
const doDocs = !args.includes('--matrix');
const port = Number(process.env.SHOT_PORT || 4391);
const base = `http://127.0.0.1:${port}/`;
// Vite itself, not through npx: killing npx would leave the server holding the port.
const server = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--outDir', dist, '--port', String(port), '--strictPort'], {
  cwd: root,
  stdio: 'ignore',
});
const stop = () => server.kill();
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

await waitForServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const langs = (process.env.SHOT_LANGS || 'zh,en').split(',');
if (doMatrix) {
  const { written, failed } = await shootMatrix({ browser, base, root, langs, outDir: join(root, 'screenshots') });
  console.log(`${written.length} pictures in screenshots/${failed.length ? `, ${failed.length} FAILED` : ''}`);
  if (failed.length) process.exitCode = 1;
}
if (!doDocs) {
  await browser.close();
  stop();
  process.exit();
}
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
const open = async (hash) => {
  await page.goto(`${base}#${hash}`);
  await page.locator('#root > *').first().waitFor();
  await page.locator('.mermaid-diagram svg').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
};

// One interaction per panel, so the pictures show a panel at work rather than at rest.
const poke = {
  perceptron: (p) => p.getByRole('button').first().click(),
  'conv-explorer': (p) => p.locator('[data-testid="conv-explorer"][data-status="ready"], canvas').first().waitFor({ timeout: 60_000 }),
  'mnist-explorer': (p) => p.locator('[data-testid="mnist-explorer"][data-status="ready"]').waitFor({ timeout: 120_000 }),
};

const outDir = join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
for (const lang of langs) {
  const slugs = readdirSync(join(root, 'content', lang)).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  for (const slug of slugs) {
    await open(`/${lang}/${slug}`);
    const panel = page.locator('[data-panel]').first();
    await panel.scrollIntoViewIfNeeded();
    const id = await panel.getAttribute('data-panel');
    await panel.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 90));
    await poke[id]?.(panel).catch(() => undefined);
    await page.waitForTimeout(800);
    const png = process.env.SHOT_PNG === '1';
    const path = join(outDir, `${lang}-${slug}.${png ? 'png' : 'jpg'}`);
    await page.screenshot(png ? { path } : { path, type: 'jpeg', quality: 72 });
    console.log('wrote', path);
  }
}

// The README picture: chapter 1 (English) with the seed CNN training live.
await open('/en/01-neuron');
const trainer = page.locator('[data-panel="mnist-trainer"]');
await trainer.scrollIntoViewIfNeeded();
await trainer.getByTestId('setting-subset').fill('5000');
await trainer.getByTestId('setting-epochs').fill('3');
await trainer.getByTestId('train-start').click();
await page.waitForFunction(() => Number(document.querySelector('[data-panel="mnist-trainer"] .line-chart')?.getAttribute('data-points') ?? 0) > 60, null, { timeout: 180_000 });
await trainer.getByTestId('train-pause').click().catch(() => undefined);
// Show the controls, the live numbers and the curve together.
await trainer.getByTestId('train-stats').scrollIntoViewIfNeeded();
await page.evaluate(() => {
  const top = document.querySelector('[data-panel="mnist-trainer"] [data-testid="train-stats"]').getBoundingClientRect().top;
  window.scrollBy(0, top - 250);
});
await page.screenshot({ path: join(root, 'docs', 'screenshot.png') });
console.log('wrote docs/screenshot.png');
await browser.close();
stop();
process.exit();
