import type { Browser, ConsoleMessage, Page } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, startTraining, test } from './fixtures';

// Chromium as most readers have it: no WebGPU adapter (the shared config turns a software one on).
// There tfjs's webgpu start-up threw and logged a warning with a stack trace on every training start.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] } });

/** A fresh visitor (nothing saved) whose browser prefers `locale`. */
async function visitor(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

for (const [locale, lang, brand, start] of [
  ['zh-CN', 'zh-CN', '神经网络实验室', '从第一章开始'],
  ['en-US', 'en', 'NN Lab', 'Start with chapter 1'],
] as const) {
  test(`a first visit with locale ${locale} gets its language`, async ({ browser }) => {
    const page = await visitor(browser, locale);
    await open(page, '/');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(brand);
    await expect(page.getByRole('link', { name: start })).toBeVisible();
    await expect(page).toHaveTitle(brand);
    await page.context().close();
  });
}

test("a chapter link's language wins over the browser's; html lang and the title follow a switch", async ({ browser }) => {
  const page = await visitor(browser, 'zh-CN');
  await open(page, '/en/02-forward');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('2. Forward propagation and activation functions · NN Lab');
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('lang-zh').click();
  await expect(page).toHaveURL(/#\/zh\/02-forward$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('2. 前向传播与激活函数 · 神经网络实验室');
  // The choice is remembered: the home page now opens in Chinese.
  await open(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('神经网络实验室');
  await page.context().close();
});

/** [value, visible text] of every option of the selects under `root`. */
const options = (page: Page, selector: string) =>
  page.locator(`${selector} select option`).evaluateAll((els) => els.map((o) => [(o as HTMLOptionElement).value, o.textContent?.trim() ?? '']));

test('the Chinese pages show words, not ids, in their option lists', async ({ page }) => {
  await open(page, '/zh/07-mnist-lab');
  const trainer = page.locator('[data-panel="mnist-trainer"]');
  await trainer.getByTestId('setting-optimizer').waitFor();
  const mine = await options(page, '[data-panel="mnist-trainer"]');
  const labels = Object.fromEntries(mine);
  expect(labels.sgd).toBe('随机梯度下降');
  expect(labels.momentum).toBe('动量法');
  expect(labels.rmsprop).toBe('RMSprop');
  expect(labels.cosine).toBe('余弦退火');
  // Every option of the chapter's panels: a number may show as itself, an id may not.
  for (const slug of ['07-mnist-lab', '04-optimizers', '06-cnn']) {
    await open(page, `/zh/${slug}`);
    // Sections render progressively and panels load lazily: wait for all of them.
    await page.locator('main[data-rendered="all"]').waitFor();
    await expect(page.locator('.panel-loading')).toHaveCount(0);
    await expect(page.locator('[data-panel] select').first()).toBeAttached();
    const raw = (await options(page, '[data-panel]')).filter(([v, text]) => v === text && !/^-?[\d.e+-]+$/.test(v));
    expect(raw, `${slug}: options showing raw ids`).toEqual([]);
  }
});

test('a bad learning rate is named by its visible label, in both languages', async ({ page, consoleErrors }) => {
  await open(page, '/en/07-mnist-lab');
  const trainer = page.locator('[data-panel="mnist-trainer"]');
  await trainer.getByTestId('setting-lr').fill('5');
  const box = trainer.getByTestId('error-box').first();
  await expect(box).toContainText('"Learning rate" must be between 0.000001 and 1 (got 5)');
  await expect(box).not.toContainText('"lr"');
  await expect(trainer.getByTestId('train-start')).toBeDisabled();

  await page.getByTestId('lang-zh').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const zh = page.locator('[data-panel="mnist-trainer"]');
  await zh.getByTestId('setting-lr').fill('5');
  await expect(zh.getByTestId('error-box').first()).toContainText('“学习率”必须在 0.000001 到 1 之间（收到 5）');
  expectNoConsoleErrors(consoleErrors);
});

test('starting training logs no error or warning, and the badge says in plain words where it runs', async ({ page }) => {
  test.setTimeout(180_000);
  const noise: string[] = [];
  const listen = (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') noise.push(`${m.type()}: ${m.text()}`);
  };
  page.on('console', listen);
  page.on('worker', (w) => w.on('console', listen));
  page.on('pageerror', (e) => noise.push(`pageerror: ${e.message}`));

  await open(page, '/en/07-mnist-lab');
  const badge = page.locator('.topbar').getByTestId('backend-badge');
  await expect(badge).toHaveText('Training runs on: not chosen yet');
  const panel = await startTraining(page, 256, 1);
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', /running|done/, { timeout: 150_000 });
  await expect(badge).toHaveText(/^Training runs on: (WebGPU|WebGL) \(graphics card\)|WebAssembly \(fast CPU\)|plain JavaScript \(slow CPU\)$/);
  await expect(badge).not.toContainText(/engine|idle/);
  // A click explains why this one and why not the others.
  await badge.click();
  const explain = page.locator('.topbar').getByTestId('backend-explain');
  await expect(explain).toBeVisible();
  await expect(explain).toContainText('nothing is uploaded');
  await expect(explain.locator('li').first()).toContainText(/WebGPU \(graphics card\): /);
  const box = await explain.boundingBox();
  expect(box && box.width > 200 && box.height > 60).toBe(true);
  await page.keyboard.press('Escape');
  await expect(explain).toBeHidden();
  const stop = panel.getByTestId('train-stop');
  if (await stop.isVisible()) await stop.click();
  expect(noise, noise.join('\n')).toEqual([]);
});
