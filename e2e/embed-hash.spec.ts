import { expect, expectNoConsoleErrors, open, test } from './fixtures';
import type { FrameLocator, Locator, Page } from '@playwright/test';

/**
 * An embed follows its URL after the `#`: a course page that changes only the hash of an
 * iframe's `src` (new settings, another language) gets a panel with those settings, without a
 * reload. Also checked on a top-level page and through history.back().
 */
const BAD = '/embed/panel/mnist-trainer?lang=en&epochs=-5&subset=abc';
const GOOD = '/embed/panel/mnist-trainer?lang=en&epochs=2&subset=5000';
const ZH = '/embed/panel/mnist-trainer?lang=zh&epochs=3&subset=5000';

/** What the reader sees in the trainer: the values in its inputs and whether it shows an error. */
async function expectTrainer(root: Page | FrameLocator | Locator, epochs: string, subset: string, error: boolean) {
  const panel = root.locator('[data-panel="mnist-trainer"]');
  await expect(panel.getByTestId('setting-epochs')).toHaveValue(epochs);
  await expect(panel.getByTestId('setting-subset')).toHaveValue(subset);
  const box = panel.getByTestId('error-box');
  if (error) {
    await expect(box).toBeVisible();
    // The rejected values are named, so the reader knows what to fix.
    await expect(box).toContainText(/[-−]5/);
    await expect(box).toContainText('abc');
  } else await expect(box).toHaveCount(0);
}

test('an iframe whose src changes only after the # shows the new settings and language', async ({ page, baseURL, consoleErrors }) => {
  const app = new URL('./', baseURL).href;
  // The course page, served on the app's origin so the test can reach into the frame's window.
  await page.route('**/course-host.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>course</title>
        <iframe id="lab" src="${app}#${BAD}" width="1000" height="800"></iframe>`,
    }),
  );
  await page.goto(`${app}course-host.html`);
  const frame = page.frameLocator('#lab');
  const defaults = await frame.locator('[data-testid="setting-epochs"]').inputValue({ timeout: 30_000 });
  const defaultSubset = await frame.locator('[data-testid="setting-subset"]').inputValue();
  await expectTrainer(frame, defaults, defaultSubset, true);
  // A mark in the frame's window: if it survives, the change below was not a reload.
  const win = () => page.frames().find((f) => f.parentFrame() === page.mainFrame())!;
  await win().evaluate(() => ((window as unknown as { mark: number }).mark = 42));

  const setSrc = (hash: string) => page.evaluate((src) => ((document.getElementById('lab') as HTMLIFrameElement).src = src), `${app}#${hash}`);
  await setSrc(GOOD);
  await expectTrainer(frame, '2', '5000', false);
  await expect(frame.locator('[data-panel="mnist-trainer"] .panel-title')).toHaveText('Train an MNIST CNN');

  await setSrc(ZH);
  await expect(frame.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(frame.locator('[data-panel="mnist-trainer"] .panel-title')).toHaveText('训练一个 MNIST 卷积网络');
  await expectTrainer(frame, '3', '5000', false);
  expect(await win().evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(42);
  expectNoConsoleErrors(consoleErrors);
});

test('a top-level embed follows location.hash and history.back()', async ({ page, consoleErrors }) => {
  await open(page, BAD);
  const defaults = await page.getByTestId('setting-epochs').inputValue({ timeout: 30_000 });
  const defaultSubset = await page.getByTestId('setting-subset').inputValue();
  await expectTrainer(page, defaults, defaultSubset, true);

  await page.evaluate((h) => (location.hash = h), GOOD);
  await expectTrainer(page, '2', '5000', false);
  await page.evaluate((h) => (location.hash = h), ZH);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectTrainer(page, '3', '5000', false);

  // Back twice: the English settings, then the first errors, as the URL says.
  await page.goBack();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectTrainer(page, '2', '5000', false);
  await page.goBack();
  await expectTrainer(page, defaults, defaultSubset, true);
  expectNoConsoleErrors(consoleErrors);
});

test('an embedded chapter keeps ?origin= inside its hash when the parent switches the language', async ({ page, baseURL, consoleErrors }) => {
  const app = new URL('./', baseURL).href;
  const origin = new URL(app).origin;
  await page.route('**/course-chapter.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>course</title>
        <iframe id="lab" src="${app}#/embed/en/01-neuron?origin=${encodeURIComponent(origin)}" width="1000" height="800"></iframe>`,
    }),
  );
  await page.goto(`${app}course-chapter.html`);
  const frame = page.frameLocator('#lab');
  await expect(frame.locator('article.prose h1')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'nnlab:set-lang', lang: 'zh' }, '*'));
  await expect(frame.locator('article.prose h1')).toHaveText(/[\u4e00-\u9fff]/);
  const url = new URL(page.frames().find((f) => f.parentFrame() === page.mainFrame())!.url());
  // The query stays where the app reads it (a reload keeps the allowed parent), not in location.search.
  expect(url.search).toBe('');
  expect(url.hash).toBe(`#/embed/zh/01-neuron?origin=${encodeURIComponent(origin)}`);
  expectNoConsoleErrors(consoleErrors);
});
