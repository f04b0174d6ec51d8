import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, open, test } from './fixtures';

const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const slugs = readdirSync(`${contentDir}en`).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();

// WCAG 2 A/AA rules (labels, names, contrast, landmarks...) on every chapter with its panels mounted.
for (const lang of ['en', 'zh'] as const) {
  for (const slug of slugs) {
    test(`${lang}/${slug} has no WCAG A/AA violations (axe)`, async ({ page }) => {
      await open(page, `/${lang}/${slug}`);
      await expect(page.locator('article.prose h1')).toBeVisible();
      await page.locator('.chapter-end').scrollIntoViewIfNeeded();
      await page.waitForTimeout(800);
      await page.evaluate(() => window.scrollTo(0, 0));
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
      expect(report, report.join('\n')).toEqual([]);
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
