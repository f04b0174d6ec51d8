import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, test } from './fixtures';

// Phone layout (no sideways scrolling, a contents menu) and real, shareable link URLs.
const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const slugs = readdirSync(`${contentDir}en`).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
const source = (lang: string, slug: string) => readFileSync(`${contentDir}${lang}/${slug}.md`, 'utf8');
const PHONE = { width: 390, height: 844 };

/** Waits until a chapter's maths, diagrams and panels are on the page (panels may mount lazily, so scroll to the end). */
async function renderedChapter(page: Page, lang: string, slug: string) {
  const md = source(lang, slug);
  const article = page.locator('article.prose');
  await expect(article.locator('h1')).toBeVisible();
  await expect(page.locator('main#main')).toHaveAttribute('data-rendered', 'all', { timeout: 30_000 }); // sections render progressively
  await page.locator('.chapter-end').scrollIntoViewIfNeeded();
  await expect(article.locator('.mermaid-diagram svg')).toHaveCount((md.match(/^```mermaid/gm) ?? []).length, { timeout: 30_000 });
  const panels = (md.match(/^::panel\{/gm) ?? []).length;
  await expect(article.locator('[data-panel]')).toHaveCount(panels);
  await expect(page.locator('.panel-loading, .mermaid-loading')).toHaveCount(0, { timeout: 30_000 });
  if (md.includes('$$')) await expect(article.locator('.math-display .katex').first()).toBeVisible();
}

test('there are chapters to check', () => {
  expect(slugs.length).toBeGreaterThanOrEqual(7);
});

for (const lang of ['en', 'zh'] as const) {
  for (const slug of slugs) {
    test(`${lang}/${slug} fits a 390 px phone: the page never scrolls sideways, wide blocks scroll in their own focusable box`, async ({ page, consoleErrors }) => {
      await page.setViewportSize(PHONE);
      await open(page, `/${lang}/${slug}`);
      await renderedChapter(page, lang, slug);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${lang}/${slug} is ${width} px wide at 390 px`).toBeLessThanOrEqual(PHONE.width);
      // Whatever overflows its own box can be reached and scrolled by keyboard, and says what it is.
      const unreachable = () =>
        page.locator('main *').evaluateAll((els) =>
          els
            .filter((e) => !/^(TEXTAREA|SELECT|INPUT|BUTTON|A)$/.test(e.tagName) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
            .filter((e) => /auto|scroll/.test(getComputedStyle(e).overflowX))
            .filter((e) => e.getAttribute('tabindex') !== '0' || !e.getAttribute('aria-label'))
            .map((e) => `${e.tagName}.${String(e.className)}`),
        );
      await expect.poll(unreachable, { message: 'sideways-scrolling boxes without tabindex=0 and a name' }).toEqual([]);
      expectNoConsoleErrors(consoleErrors);
    });
  }
}

test('on a phone the contents menu opens, jumps to a heading below the sticky bars, and closes on Escape', async ({ page, consoleErrors }) => {
  await page.setViewportSize(PHONE);
  await open(page, '/en/03-loss');
  const toggle = page.getByTestId('toc-toggle');
  const list = page.locator('nav.toc ul');
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveText(/Contents/);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(list).toBeVisible();
  const box = await list.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  const link = list.locator('a').nth(2);
  const id = (await link.getAttribute('href'))!.split('~')[1];
  await link.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  const heading = page.locator(`[id="${id}"]`);
  await expect(heading).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`#/en/03-loss~${id}$`));
  // The heading ends up near the top, below (not under) the sticky top bar and contents bar.
  const barBottom = await page.locator('nav.toc').evaluate((e) => e.getBoundingClientRect().bottom);
  await expect.poll(async () => (await heading.boundingBox())!.y, { message: 'heading scrolled into place' }).toBeGreaterThanOrEqual(barBottom - 1);
  expect((await heading.boundingBox())!.y).toBeLessThan(PHONE.height / 3);

  // Keyboard: Enter opens, Escape closes and gives focus back to the button.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(toggle).toBeFocused();
  // A tap elsewhere closes it too.
  await toggle.click();
  await expect(list).toBeVisible();
  await page.mouse.click(4, PHONE.height - 20); // the page margin, outside the menu
  await expect(list).toBeHidden();

  // Chinese label; on a wide screen the list is a column and the button is gone.
  await page.getByTestId('lang-zh').click();
  await expect(toggle).toHaveText(/目录/);
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(toggle).toBeHidden();
  await expect(list).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

/** Every anchor's href on a page: as written and as resolved against the page. */
async function hrefs(page: Page): Promise<{ raw: string; url: string }[]> {
  return page.locator('a[href]').evaluateAll((as) => as.map((a) => ({ raw: a.getAttribute('href') ?? '', url: (a as HTMLAnchorElement).href })));
}

/** Opens a URL in a brand-new context (no stored state, like a new tab or a pasted link) and checks what renders. */
async function opensAPage(browser: Browser, url: string, checkAnchor: boolean) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  try {
    await page.goto(url);
    const heading = page.locator('main h1').first();
    await expect(heading, url).toBeVisible({ timeout: 30_000 });
    await expect(heading, url).not.toHaveText('');
    await expect(page.locator('.not-found'), url).toHaveCount(0);
    const hash = new URL(url).hash;
    const chapter = /^#\/(zh|en)\/([^~?]+)/.exec(hash);
    if (chapter) await expect(page.locator('main.chapter'), url).toHaveAttribute('data-chapter', chapter[2]);
    const anchor = hash.split('~')[1];
    if (anchor && checkAnchor) {
      const target = page.locator(`[id="${decodeURIComponent(anchor)}"]`);
      await expect(target, url).toBeAttached();
      await expect(target, url).toBeInViewport();
    }
  } finally {
    await ctx.close();
  }
}

for (const lang of ['en', 'zh'] as const) {
  test(`${lang}: every link on the home page, the playground and every chapter is a real URL that opens its page`, async ({ page, browser, consoleErrors }) => {
    test.setTimeout(600_000);
    const found = new Map<string, string>(); // resolved URL -> where it was found
    const collect = async (where: string) => {
      for (const { raw, url } of await hrefs(page)) {
        // A bare path (`/en/02-forward`) or `#main` is not a link that works when copied or opened in a new tab.
        expect(raw, `link on ${where}`).toMatch(/^(#\/|https?:\/\/)/);
        if (!found.has(url)) found.set(url, where);
      }
      // Links to a heading of this same page (table of contents, heading anchors, skip link) name an element that exists.
      const here = page.url().split('#')[1].split('~')[0];
      const ids = (await hrefs(page)).map((h) => h.raw).filter((r) => r.startsWith(`#${here}~`)).map((r) => decodeURIComponent(r.split('~')[1]));
      const missing = await page.evaluate((list) => list.filter((id) => !document.getElementById(id)), ids);
      expect(missing, `heading links on ${where} without a target`).toEqual([]);
    };
    // The language is taken from the chapter URL; the home page and playground then follow it.
    await open(page, `/${lang}/${slugs[0]}`);
    await open(page, '/');
    await expect(page.locator('main h1')).toBeVisible();
    await collect('home');
    await open(page, '/playground');
    await expect(page.locator('[data-testid="playground-preview"] h2')).toBeVisible();
    await collect('playground');
    for (const slug of slugs) {
      await open(page, `/${lang}/${slug}`);
      await renderedChapter(page, lang, slug);
      await collect(`${lang}/${slug}`);
    }
    const app = new URL('./', page.url()).href;
    const internal = [...found.keys()].filter((u) => u.startsWith(app));
    const external = [...found.keys()].filter((u) => !u.startsWith(app));
    for (const u of external) expect(new URL(u).protocol, `${u} (on ${found.get(u)})`).toMatch(/^https?:$/);
    // Each linked page opens in a fresh context, as a new tab or a pasted link would. URLs that differ only
    // in their `~heading` were checked on that page above, so one URL per page is opened: a heading link
    // where there is one (it must also land on its heading), else the plain one.
    const rank = (u: string) => (!u.includes('~') ? 0 : u.endsWith('~main') ? 1 : 2); // a section heading beats the skip link
    const perPage = new Map<string, string>();
    for (const u of internal) {
      const route = u.split('~')[0];
      const chosen = perPage.get(route);
      if (!chosen || rank(u) > rank(chosen)) perPage.set(route, u);
    }
    for (const u of perPage.values()) await opensAPage(browser, u, true);
    expect(internal.length).toBeGreaterThan(slugs.length);
    expectNoConsoleErrors(consoleErrors);
  });
}
