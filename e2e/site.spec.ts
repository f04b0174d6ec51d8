import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, expectNoConsoleErrors, open, startTraining, test } from './fixtures';

// What each chapter should show is read from its Markdown, so the test follows the content.
const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const slugs = readdirSync(`${contentDir}en`).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
const source = (lang: string, slug: string) => readFileSync(`${contentDir}${lang}/${slug}.md`, 'utf8');
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

test('there are chapters to check', () => {
  expect(slugs.length).toBeGreaterThanOrEqual(7);
});

for (const lang of ['zh', 'en'] as const) {
  for (const slug of slugs) {
    test(`${lang}/${slug} opens with its maths, diagrams, panels and questions, no error box and no console error`, async ({ page, consoleErrors }) => {
      const md = source(lang, slug);
      await open(page, `/${lang}/${slug}`);
      const article = page.locator('article.prose');
      await expect(article.locator('h1')).toBeVisible();
      if (lang === 'zh') expect(await article.locator('h1').innerText()).toMatch(/[\u4e00-\u9fff]/);
      await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
      expect(await article.locator('.katex').count()).toBeGreaterThan(0);
      const diagrams = count(md, /^```mermaid/gm);
      await expect(article.locator('.mermaid-diagram svg')).toHaveCount(diagrams, { timeout: 30_000 });
      const panels = [...md.matchAll(/^::panel\{id="([^"]+)"/gm)].map((m) => m[1]);
      for (const id of panels) await expect(article.locator(`[data-panel="${id}"]`).first()).toBeAttached();
      const quizzes = count(md, /^::::quiz\{/gm);
      expect(quizzes).toBeGreaterThanOrEqual(3);
      await expect(article.locator('[data-quiz-id]')).toHaveCount(quizzes);
      await expect(page.locator('nav.toc li').first()).toBeAttached();
      await expect(page.locator('nav.prev-next a')).not.toHaveCount(0);
      // Scroll to the end so lazily loaded panels mount too, then check for errors.
      await page.locator('.chapter-end').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
      expectNoConsoleErrors(consoleErrors);
    });
  }
}

test('a self-check question is graded in the page and the answer survives a reload', async ({ page, consoleErrors }) => {
  const md = source('en', '01-neuron');
  const [, id, answer] = md.match(/::::quiz\{id="([^"]+)" answer="(\d+)"\}/)!;
  await open(page, '/en/01-neuron');
  const quiz = page.locator(`[data-quiz-id="${id}"]`);
  await quiz.scrollIntoViewIfNeeded();
  const options = quiz.locator('input[type="radio"]');
  const right = Number(answer) - 1;
  const wrong = right === 0 ? 1 : 0;
  // No choice yet: a hint, not a grade.
  await quiz.getByRole('button').click();
  await expect(quiz.locator('.quiz-feedback')).toHaveText('Choose an option first');
  await options.nth(wrong).check();
  await quiz.getByRole('button').click();
  await expect(quiz).toHaveClass(/quiz-wrong/);
  await expect(quiz.locator('.quiz-explain')).toHaveCount(0);
  await options.nth(right).check();
  await quiz.getByRole('button').click();
  await expect(quiz).toHaveClass(/quiz-right/);
  await expect(quiz.locator('.quiz-feedback')).toHaveText('Correct!');
  await expect(quiz.locator('.quiz-explain')).toBeVisible();

  await page.reload();
  await page.locator('#root > *').first().waitFor();
  const again = page.locator(`[data-quiz-id="${id}"]`);
  await expect(again).toHaveClass(/quiz-right/);
  await expect(again.locator('input[type="radio"]').nth(right)).toBeChecked();
  // The contents page counts it.
  await open(page, '/');
  const quizzes = (md.match(/^::::quiz\{/gm) ?? []).length;
  await expect(page.locator('.chapter-list li').first()).toContainText(`self-checks 1/${quizzes}`);
  expectNoConsoleErrors(consoleErrors);
});

test('corrupted saved state: a clear notice, a copy kept aside, and the chapter still works', async ({ page }) => {
  await open(page, '/en/01-neuron');
  await page.evaluate(() => localStorage.setItem('nnlab-state', '{"state": {"settings": trunc'));
  await page.reload();
  await page.locator('#root > *').first().waitFor();
  await expect(page.getByTestId('notice').first()).toContainText('saved settings were damaged');
  await expect(page.locator('article.prose h1')).toBeVisible();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('nnlab-state-corrupted-')));
  expect(kept).toHaveLength(1);
  expect(await page.evaluate((k) => localStorage.getItem(k), kept[0])).toBe('{"state": {"settings": trunc');
  // The panel on the page still responds.
  const perceptron = page.locator('[data-panel="perceptron"]');
  await perceptron.scrollIntoViewIfNeeded();
  await expect(perceptron.locator('[data-testid="error-box"]')).toHaveCount(0);
  // In Chinese too. (Set it from a page of the site that does not run the app, which would save over it.)
  await page.goto('./data/mnist/manifest.json');
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('nnlab-state')!);
    saved.state.settings.lang = 'zh';
    localStorage.setItem('nnlab-state', JSON.stringify(saved).slice(0, 30));
  });
  await open(page, '/zh/01-neuron');
  await expect(page.getByTestId('notice').first()).toContainText('保存的设置已损坏');
});

test('an unknown chapter or panel gets a message, not a blank page', async ({ page }) => {
  await open(page, '/en/99-nothing');
  await expect(page.locator('main.not-found h1')).toHaveText('Page not found');
  await open(page, '/embed/panel/no-such-panel?lang=en');
  await expect(page.getByTestId('error-box')).toBeVisible();
});

test('embeds: the parent origin may switch the language and gets height messages; other origins are ignored', async ({ page, baseURL, consoleErrors }) => {
  const app = new URL('./', baseURL).href;
  // The course page: served from another origin (a port of its own) by a tiny server. It is
  // a real loopback server because Chromium blocks public pages from framing 127.0.0.1.
  let body = '';
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const frames = [
    ['allowed-panel', `${app}#/embed/panel/perceptron?lang=en&origin=${encodeURIComponent(host)}`],
    ['other-panel', `${app}#/embed/panel/perceptron?lang=en&origin=${encodeURIComponent('https://other.example')}`],
    ['allowed-chapter', `${app}#/embed/en/01-neuron?origin=${encodeURIComponent(host)}`],
  ];
  body = `<!doctype html><meta charset="utf-8"><title>course</title>
    <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'nnlab:height') heights.push([e.origin, e.data.height]); });</script>
    ${frames.map(([name, src]) => `<iframe name="${name}" src="${src}" width="900" height="600"></iframe>`).join('\n')}`;
  await page.goto(`${host}/course.html`);
  const frame = (name: string) => page.frameLocator(`iframe[name="${name}"]`);
  await expect(frame('allowed-panel').locator('[data-panel="perceptron"]')).toBeVisible({ timeout: 30_000 });
  await expect(frame('other-panel').locator('[data-panel="perceptron"]')).toBeVisible();
  await expect(frame('allowed-chapter').locator('article.prose h1')).toBeVisible();
  await expect(frame('allowed-chapter').locator('.topbar')).toHaveCount(0);
  const enTitle = await frame('allowed-chapter').locator('article.prose h1').innerText();
  // Heights come from the app's origin, to the allowed parent only (the other-origin frame can't post to us).
  await expect.poll(() => page.evaluate(() => (window as unknown as { heights: [string, number][] }).heights.length)).toBeGreaterThan(0);
  const heights = await page.evaluate(() => (window as unknown as { heights: [string, number][] }).heights);
  for (const [origin, h] of heights) {
    expect(origin).toBe(new URL(app).origin);
    expect(h).toBeGreaterThan(100);
  }

  await page.evaluate(() => {
    for (const f of Array.from(document.querySelectorAll('iframe'))) f.contentWindow!.postMessage({ type: 'nnlab:set-lang', lang: 'zh' }, '*');
  });
  await expect(frame('allowed-panel').locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(frame('allowed-chapter').locator('article.prose h1')).not.toHaveText(enTitle);
  expect(await frame('allowed-chapter').locator('article.prose h1').innerText()).toMatch(/[\u4e00-\u9fff]/);
  await page.waitForTimeout(500);
  await expect(frame('other-panel').locator('html')).toHaveAttribute('lang', 'en');
  // A malformed message from the right origin is ignored too.
  await page.evaluate(() => document.querySelector('iframe')!.contentWindow!.postMessage({ type: 'nnlab:set-lang', lang: '<img>' }, '*'));
  await page.waitForTimeout(300);
  await expect(frame('allowed-panel').locator('html')).toHaveAttribute('lang', 'zh-CN');
  server.close();
  expectNoConsoleErrors(consoleErrors);
});

test('?backend= overrides the backend choice and the trainer shows it', async ({ page, consoleErrors }) => {
  await open(page, '/en/01-neuron?backend=cpu');
  const panel = await startTraining(page, 256, 1);
  await expect(panel.getByTestId('backend-badge')).toHaveText('Training runs on: plain JavaScript (slow CPU)', { timeout: 60_000 });
  await panel.getByTestId('backend-badge').click();
  await expect(panel.getByTestId('backend-explain')).toContainText('You chose this one.');
  await panel.getByTestId('train-stop').click();
  expectNoConsoleErrors(consoleErrors);
});

test('a failed download: a clear message in the panel and the trainer, and a retry works once the network is back', async ({ page }) => {
  test.setTimeout(180_000);
  let offline = true;
  // Context-wide, so the training worker's requests fail too.
  await page.context().route('**/data/mnist/train-*', (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
  await open(page, '/en/07-mnist-lab');
  const explorer = page.locator('[data-panel="mnist-explorer"]');
  await explorer.scrollIntoViewIfNeeded();
  await explorer.getByTestId('mx-load').click({ timeout: 5_000 }).catch(() => undefined);
  await expect(explorer.getByTestId('error-box')).toContainText('Network error; check your connection and retry');

  const trainer = await startTraining(page, 256, 1);
  await expect(page.getByTestId('notice').filter({ hasText: 'Could not load the data' })).toBeVisible({ timeout: 60_000 });
  await expect(trainer.getByTestId('train-status')).toHaveAttribute('data-status', 'error');
  // The rest of the chapter keeps working meanwhile.
  await expect(page.locator('[data-panel="mnist-architecture"] [data-testid="arch-preset-mlp"]')).toBeEnabled();

  offline = false;
  await explorer.getByTestId('mx-retry').click();
  await expect(explorer.getByTestId('mnist-explorer')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await trainer.getByTestId('train-start').click();
  await expect(trainer.getByTestId('train-status')).toHaveAttribute('data-status', /running|done/, { timeout: 90_000 });
});
