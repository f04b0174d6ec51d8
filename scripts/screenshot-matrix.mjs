/**
 * The "look at it" pictures of `npm run screenshots`: every chapter in every language, at a
 * desktop (1400×900) and a phone (390×844) size, in the light and the dark theme, as full-page
 * PNGs in screenshots/ (ignored by git: 2 × 2 × 2 × chapters files, too many to commit).
 * A person looks at these; the few automated picture checks are e2e/visual.spec.ts.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SIZES = {
  desktop: { viewport: { width: 1400, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};
export const THEMES = ['light', 'dark'];

/** Waits until what a reader would see has settled: diagrams drawn, maths typeset, panels mounted, fonts loaded. */
export async function settle(page) {
  await page.locator('#root > *').first().waitFor();
  await page
    .waitForFunction(
      () =>
        !document.querySelector('.mermaid-loading, .math-pending, .panel-loading') &&
        [...document.querySelectorAll('.mermaid-diagram')].every((d) => d.getAttribute('data-status') !== 'loading'),
      null,
      { timeout: 60_000, polling: 200 },
    )
    .catch(() => console.log('  (still loading after 60 s; taking the picture anyway)'));
  await page.evaluate(() => document.fonts.ready);
  // Two frames: the last layout (charts size themselves to their box) reaches the screen.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Writes `<outDir>/<lang>-<slug>-<size>-<theme>.png` for each chapter. A fresh browser context
 * per size and theme, so no setting carries over; the theme is the system's (prefers-color-scheme).
 */
export async function shootMatrix({ browser, base, root, langs, outDir, fullPage = true }) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  const failed = [];
  for (const [size, options] of Object.entries(SIZES)) {
    for (const theme of THEMES) {
      const context = await browser.newContext({ ...options, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && console.log(`  console error (${size}, ${theme}):`, m.text()));
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      for (const lang of langs) {
        const slugs = readdirSync(join(root, 'content', lang))
          .filter((f) => f.endsWith('.md'))
          .map((f) => f.slice(0, -3))
          .sort();
        for (const slug of slugs) {
          const path = join(outDir, `${lang}-${slug}-${size}-${theme}.png`);
          try {
            // A fresh load each time, as a reader opening the link: a hash-only goto would
            // leave the previous chapter on screen until React re-renders.
            await page.goto('about:blank');
            await page.goto(`${base}#/${lang}/${slug}`);
            await settle(page);
            // Tall full-page PNGs are slow to encode on a busy machine.
            await page.screenshot({ path, fullPage, animations: 'disabled', timeout: 180_000 });
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            // A page wider than its viewport scrolls sideways: say so next to the file name.
            const wide = width > options.viewport.width ? ` (page is ${width} px wide!)` : '';
            console.log('wrote', path + wide);
            written.push(path);
          } catch (e) {
            console.log('FAILED', path, String(e).split('\n')[0]);
            failed.push(path);
          }
        }
      }
      await context.close();
    }
  }
  return { written, failed };
}
