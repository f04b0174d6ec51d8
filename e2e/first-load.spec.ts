import { expect, expectNoConsoleErrors, test } from './fixtures';

/**
 * What a reader's browser must download before chapter 1's text and maths can appear: the JS
 * requested before the chapter's first formula is in the page. No timings here (those are in
 * `npm run bench:first-load`): which files, and how many gzip KiB. KaTeX, Mermaid, DOMPurify,
 * tfjs, panel code and the other chapters must not be among them.
 */
const BUDGET_KIB = 200;

test('chapter 1 needs ≤ 200 KiB of gzipped JS, and no KaTeX, Mermaid, tfjs or panel code, before its text shows', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    // The moment the chapter heading and a rendered formula are both in the page (a microtask after React's commit).
    const w = window as unknown as { __shownAt?: number };
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-chapter] h1') && document.querySelector('[data-chapter] .katex')) {
        w.__shownAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('./#/en/01-neuron');
  const article = page.locator('article.prose');
  await expect(article.locator('h1')).toBeVisible();
  await expect(article.locator('.katex').first()).toBeVisible();
  // Panels still mount, after the text (the chapter renders a section at a time, then its panels load).
  await expect(page.locator('[data-panel="perceptron"]').getByTestId('perceptron-canvas')).toBeVisible({ timeout: 60_000 });

  const files = await page.evaluate(() => {
    const shownAt = (window as unknown as { __shownAt?: number }).__shownAt ?? Infinity;
    return performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => /\.m?js$/.test(new URL(e.name).pathname) && e.startTime < shownAt)
      .map((e) => ({ file: new URL(e.name).pathname.split('/').pop()!, gz: e.encodedBodySize, raw: e.decodedBodySize }));
  });
  const names = files.map((f) => f.file);
  expect(names.some((n) => /^main-/.test(n)), names.join(', ')).toBe(true);
  expect(names.some((n) => /^01-neuron-/.test(n)), 'the chapter body is its own chunk').toBe(true);
  for (const n of names) {
    expect(n, 'loaded before the text showed').not.toMatch(/katex|mermaid|purify|tfjs|tensorflow|Panel-|worker|^0[2-9]-/i);
  }
  // vite preview gzips (all but the smallest files): the encoded sizes are what came over the wire.
  const main = files.find((f) => /^main-/.test(f.file))!;
  expect(main.gz, 'main chunk served gzipped').toBeLessThan(main.raw / 2);
  const kib = files.reduce((s, f) => s + f.gz, 0) / 1024;
  expect(kib, `${kib.toFixed(1)} KiB gz: ${names.join(', ')}`).toBeLessThanOrEqual(BUDGET_KIB);
  expectNoConsoleErrors(consoleErrors);
});
