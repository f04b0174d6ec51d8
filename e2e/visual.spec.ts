import type { Locator, Page } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, test } from './fixtures';

/**
 * Picture checks: a few stable views compared with committed PNGs (e2e/visual.spec.ts-snapshots/),
 * so a rendering regression (a blank diagram, broken maths, a panel drawn wrong, a lost style)
 * fails `npm test`. Fixed viewport, light theme, English, animations off; the engine badge is
 * masked (it changes with the machine). After an intended visual change, regenerate with
 *   npx playwright test e2e/visual.spec.ts --update-snapshots
 * and look at the new PNGs before committing them.
 */
test.use({ viewport: { width: 1400, height: 900 }, locale: 'en-US', colorScheme: 'light', deviceScaleFactor: 1 });

// Same machine, same Chromium: identical runs differ by 0 pixels. Text is a small share of any
// view (another accent colour changed 1.6 % of the home page, a fallback maths font 1.1 % of a
// formula), so the tolerance is 0.2 %, not the usual 2 %.
const SHOT = { maxDiffPixelRatio: 0.002, animations: 'disabled', caret: 'hide' } as const;

/** Masks what legitimately changes (the engine badge) and waits for fonts. */
async function steady(page: Page): Promise<{ mask: Locator[] }> {
  await page.evaluate(() => document.fonts.ready);
  return { mask: [page.getByTestId('backend-badge')] };
}

/** Centres an element in the viewport, clear of the sticky top bar. */
async function centre(el: Locator) {
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
}

test('home page', async ({ page, consoleErrors }) => {
  // A chapter link names its language; the home page then speaks it.
  await open(page, '/en/01-neuron');
  await open(page, '/');
  await expect(page.locator('main a[href*="01-neuron"]').first()).toBeVisible();
  await expect(page).toHaveScreenshot('home.png', { ...SHOT, ...(await steady(page)) });
  expectNoConsoleErrors(consoleErrors);
});

test('home page, dark theme', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '/en/01-neuron');
  await open(page, '/');
  await expect(page.locator('main a[href*="01-neuron"]').first()).toBeVisible();
  await expect(page).toHaveScreenshot('home-dark.png', { ...SHOT, ...(await steady(page)) });
  expectNoConsoleErrors(consoleErrors);
});

test('a Mermaid diagram: chapter 2, first figure', async ({ page, consoleErrors }) => {
  await open(page, '/en/02-forward');
  const figure = page.locator('.mermaid-diagram').first();
  await expect(figure).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await centre(figure);
  await expect(figure).toHaveScreenshot('diagram-02-forward.png', { ...SHOT, ...(await steady(page)) });
  expectNoConsoleErrors(consoleErrors);
});

test('a KaTeX display formula: chapter 1, the neuron', async ({ page, consoleErrors }) => {
  await open(page, '/en/01-neuron');
  const formula = page.locator('.math-display').first();
  await expect(formula.locator('.katex').first()).toBeVisible();
  await centre(formula);
  await expect(formula).toHaveScreenshot('formula-01-neuron.png', { ...SHOT, ...(await steady(page)) });
  expectNoConsoleErrors(consoleErrors);
});

test('a panel at rest: activation functions', async ({ page, consoleErrors }) => {
  await open(page, '/embed/panel/activations?lang=en');
  const panel = page.locator('[data-panel="activations"]');
  await expect(panel.getByTestId('activation-plot')).toBeVisible({ timeout: 30_000 });
  await expect(panel).toHaveScreenshot('panel-activations.png', { ...SHOT, ...(await steady(page)) });
  expectNoConsoleErrors(consoleErrors);
});
