import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, open, test } from './fixtures';

const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const slugs = readdirSync(`${contentDir}en`).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();

// WCAG 2 A/AA rules (labels, names, contrast, landmarks...) on every chapter with its panels mounted,
// in the light and then the dark theme (chosen by the system preference, as a first visit would be).
// One page load per chapter checks both themes: the switch repaints in place, which is also what a
// reader who changes the system theme sees.
async function axeReport(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
}

for (const lang of ['en', 'zh'] as const) {
  for (const slug of slugs) {
    test(`${lang}/${slug} has no WCAG A/AA violations (axe, light and dark themes)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await open(page, `/${lang}/${slug}`);
      await expect(page.locator('article.prose h1')).toBeVisible();
      await expect(page.locator('main#main')).toHaveAttribute('data-rendered', 'all');
      await page.locator('.chapter-end').scrollIntoViewIfNeeded();
      // Every panel has mounted (no placeholder left) and every diagram is drawn.
      await expect(page.locator('.panel-loading')).toHaveCount(0, { timeout: 60_000 });
      await expect(page.locator('.mermaid-diagram[data-status="loading"], .mermaid-loading')).toHaveCount(0, { timeout: 60_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
        await expect(page.locator(`.mermaid-diagram:not([data-mermaid-theme="${scheme === 'dark' ? 'dark' : 'neutral'}"])`)).toHaveCount(0, { timeout: 60_000 });
        const report = await axeReport(page);
        expect(report, `${scheme} theme:\n${report.join('\n')}`).toEqual([]);
      }
    });
  }
}

test('a self-check question can be answered with the keyboard alone', async ({ page }) => {
  await open(page, '/en/01-neuron');
  const quiz = page.locator('[data-quiz-id]').first();
  await quiz.scrollIntoViewIfNeeded();
  await quiz.locator('input[type="radio"]').first().focus();
  await page.keyboard.press('Space');
  await expect(quiz.locator('input[type="radio"]').first()).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(quiz.locator('input[type="radio"]').nth(1)).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(quiz.getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(quiz).toHaveClass(/quiz-(right|wrong)/);
});

/** Relative luminance (0 black … 1 white) of an element's computed colour property, as the reader sees it. */
async function luminance(page: import('@playwright/test').Page, selector: string, prop: 'backgroundColor' | 'fill' | 'color') {
  return page.locator(selector).first().evaluate((el, p) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(getComputedStyle(el)[p]);
    if (!m) throw new Error(`no colour: ${getComputedStyle(el)[p]}`);
    const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(+m[1]) + 0.7152 * lin(+m[2]) + 0.0722 * lin(+m[3]);
  }, prop);
}

test('the theme switch overrides the system preference, repaints plots, and is kept across a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '/en/03-loss');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await luminance(page, 'body', 'backgroundColor')).toBeLessThan(0.05);
  expect(await luminance(page, 'body', 'color')).toBeGreaterThan(0.6);
  await page.locator('.plot-frame').first().scrollIntoViewIfNeeded();
  expect(await luminance(page, '.plot-frame', 'fill')).toBeLessThan(0.05);

  // Reachable with the keyboard from the top of the page, labelled in the page's language.
  const select = page.getByLabel('Colour theme');
  await page.locator('.brand').focus();
  for (let i = 0; i < 10 && !(await select.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(select).toBeFocused();
  await expect(select).toHaveValue('system');

  await select.selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await luminance(page, 'body', 'backgroundColor')).toBeGreaterThan(0.9);
  expect(await luminance(page, '.plot-frame', 'fill')).toBeGreaterThan(0.95);

  await page.reload();
  await page.locator('#root > *').first().waitFor();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(page.getByLabel('Colour theme')).toHaveValue('light');
  expect(await luminance(page, 'body', 'backgroundColor')).toBeGreaterThan(0.9);

  await page.getByTestId('lang-zh').click();
  const zh = page.getByLabel('配色');
  await expect(zh.locator('option')).toHaveText(['跟随系统', '浅色', '深色']);
  await zh.selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // The system preference changing while on 'system' is followed at once.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await zh.selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await luminance(page, 'body', 'backgroundColor')).toBeLessThan(0.05);
});
