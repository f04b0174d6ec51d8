import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, test } from './fixtures';
import { mermaidBlocks, nodeLabels, type NodeLabel } from './mermaidSource';

// Every node label written in the Markdown must be readable in the drawn diagram: a blank box
// passes "an svg exists", so this looks at the text a reader sees, its box and its contrast.
const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const slugs = readdirSync(`${contentDir}en`).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
const markdown = (lang: string, slug: string) => readFileSync(`${contentDir}${lang}/${slug}.md`, 'utf8');

/** The playground's example diagram, read from its source (a template string with escaped backticks). */
function playgroundDiagram(): string {
  const src = readFileSync(fileURLToPath(new URL('../src/app/Playground.tsx', import.meta.url)), 'utf8');
  const m = /\\`\\`\\`mermaid\n([\s\S]*?)\\`\\`\\`/.exec(src);
  if (!m) throw new Error('no mermaid block in the playground example');
  return m[1].replace(/\\\\/g, '\\');
}

interface NodeSeen {
  id: string;
  found: boolean;
  text: string;
  width: number;
  height: number;
  visible: boolean;
  inside: boolean;
  contrast: number;
  /** The label's font size as drawn on screen (CSS size × the SVG's scale). */
  fontPx: number;
}

/** Per node id: the text drawn in its group, the text's box, whether it sits inside the shape, and its contrast. */
async function nodesSeen(figure: Locator, ids: string[]): Promise<NodeSeen[]> {
  return figure.evaluate((fig, ids) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    return ids.map((id) => {
      const node = fig.querySelector(`g.node[id*="-flowchart-${id}-"]`);
      const label = node?.querySelector('text, foreignObject');
      const shape = node?.querySelector('.label-container, rect, polygon, circle, path');
      if (!node || !label || !shape) return { id, found: !!node, text: node?.textContent ?? '', width: 0, height: 0, visible: false, inside: false, contrast: 0, fontPx: 0 };
      const box = label.getBoundingClientRect();
      const outer = shape.getBoundingClientRect();
      const inside = box.left >= outer.left - 2 && box.right <= outer.right + 2 && box.top >= outer.top - 2 && box.bottom <= outer.bottom + 2;
      const ink = getComputedStyle(label.tagName === 'text' ? label : (label.querySelector('span, p, div') ?? label));
      const color = label.tagName === 'text' ? ink.fill : ink.color;
      return {
        id,
        found: true,
        text: node.textContent ?? '',
        width: box.width,
        height: box.height,
        visible: label.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
        inside,
        contrast: ratio(color, getComputedStyle(shape).fill),
        fontPx: parseFloat(ink.fontSize) * ((label as SVGGraphicsElement).getScreenCTM()?.a ?? 1),
      };
    });
  }, ids);
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The labels that are missing, blank, hidden, outside their shape or too faint; empty when every label reads. */
async function unreadableLabels(figure: Locator, labels: NodeLabel[], where: string): Promise<string[]> {
  const seen = await nodesSeen(
    figure,
    labels.map((l) => l.id),
  );
  const bad: string[] = [];
  labels.forEach((label, i) => {
    const s = seen[i];
    const want = label.lines.join(' ');
    const problems = [
      !s.found && 'no node',
      s.found && !label.lines.every((line) => squash(s.text).includes(squash(line))) && `text is "${s.text}"`,
      s.found && (s.width < 1 || s.height < 1) && `box ${s.width}×${s.height}`,
      s.found && !s.visible && 'hidden',
      s.found && !s.inside && 'outside its shape',
      s.found && s.contrast < 4.5 && `contrast ${s.contrast.toFixed(2)}`,
      s.found && s.fontPx < 11.5 && `text drawn at ${s.fontPx.toFixed(1)} px`,
    ].filter(Boolean);
    if (problems.length) bad.push(`${where} ${label.id}["${want}"]: ${problems.join(', ')}`);
  });
  return bad;
}

// Mermaid loads on first use and draws one diagram at a time: generous on a busy 2-core machine.
const DRAWN = { timeout: 60_000 };

async function diagramsReady(page: Page, scope: Locator, count: number) {
  await expect(scope.locator('.mermaid-diagram svg')).toHaveCount(count, DRAWN);
  await expect(scope.locator('.mermaid-diagram[data-status="loading"]')).toHaveCount(0, DRAWN);
  await expect(page.locator('.mermaid-loading')).toHaveCount(0, DRAWN);
}

test('the Markdown holds diagrams with node labels to check', () => {
  const blocks = ['zh', 'en'].flatMap((lang) => slugs.flatMap((slug) => mermaidBlocks(markdown(lang, slug))));
  expect(blocks.length).toBeGreaterThanOrEqual(14);
  for (const b of blocks) expect(nodeLabels(b).length, b).toBeGreaterThan(1);
});

for (const lang of ['zh', 'en'] as const) {
  for (const slug of slugs) {
    const blocks = mermaidBlocks(markdown(lang, slug));
    if (!blocks.length) continue;
    test(`${lang}/${slug}: every node label of its ${blocks.length} diagram(s) is drawn as readable text`, async ({ page, consoleErrors }) => {
      await open(page, `/${lang}/${slug}`);
      const article = page.locator('article.prose');
      await diagramsReady(page, article, blocks.length);
      const bad: string[] = [];
      let nodes = 0;
      for (const [i, block] of blocks.entries()) {
        const labels = nodeLabels(block);
        const figure = article.locator('.mermaid-diagram').nth(i);
        await figure.scrollIntoViewIfNeeded();
        const missing = await unreadableLabels(figure, labels, `${lang}/${slug} diagram ${i + 1}`);
        nodes += labels.length;
        bad.push(...missing);
      }
      // One line per chapter, so a run reports the count of readable labels (grep "node labels readable").
      console.log(`${lang}/${slug}: ${nodes - bad.length} of ${nodes} node labels readable in ${blocks.length} diagram(s)`);
      expect(bad, bad.join('\n')).toEqual([]);
      expectNoConsoleErrors(consoleErrors);
    });
  }
}

test('the playground example diagram shows every node label', async ({ page, consoleErrors }) => {
  await open(page, '/playground');
  const preview = page.getByTestId('playground-preview');
  await diagramsReady(page, preview, 1);
  const labels = nodeLabels(playgroundDiagram());
  expect(labels.length).toBeGreaterThan(1);
  const bad = await unreadableLabels(preview.locator('.mermaid-diagram'), labels, 'playground');
  expect(bad, bad.join('\n')).toEqual([]);
  expectNoConsoleErrors(consoleErrors);
});

test('diagrams follow <html data-theme>: dark theme when dark, labels readable in both', async ({ page }) => {
  await open(page, '/en/06-cnn');
  const article = page.locator('article.prose');
  const labels = nodeLabels(mermaidBlocks(markdown('en', '06-cnn'))[0]);
  const figure = article.locator('.mermaid-diagram').first();
  for (const theme of ['dark', 'light', 'dark'] as const) {
    // Set by hand, as the theme switch (or an embedding page's script) would.
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await expect(figure).toHaveAttribute('data-mermaid-theme', theme === 'dark' ? 'dark' : 'neutral', DRAWN);
    await expect(figure).toHaveAttribute('data-status', 'ready');
    const bad = await unreadableLabels(figure, labels, `en/06-cnn (${theme})`);
    expect(bad, bad.join('\n')).toEqual([]);
    // The diagram's own background follows too: dark nodes on a dark page, light on light.
    const fill = await figure.locator('g.node .label-container').first().evaluate((el) => getComputedStyle(el).fill);
    const [r, g, b] = (fill.match(/\d+/g) ?? []).map(Number);
    const light = (r + g + b) / 3 > 128;
    expect(light, `node fill ${fill} in ${theme}`).toBe(theme === 'light');
  }
});

test('a hostile diagram in the playground runs no script and keeps no handler or javascript: URL', async ({ page, consoleErrors }) => {
  await open(page, '/playground');
  await page.evaluate(() => {
    (window as unknown as { __pwned: string[] }).__pwned = [];
  });
  const hostile = [
    '%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%',
    'flowchart LR',
    '  A["<img src=x onerror=window.__pwned.push(1)>image"] --> B["<b onmouseover=window.__pwned.push(2)>bold</b>"]',
    '  B --> C["<a href=javascript:window.__pwned.push(3)>link</a>"]',
    '  C --> D["<script>window.__pwned.push(4)</script>tail"]',
    '  click A call pwn()',
    '  click B "javascript:window.__pwned.push(5)"',
    '  click C href "javascript:window.__pwned.push(6)"',
  ].join('\n');
  await page.evaluate(() => {
    (window as unknown as { pwn: () => void }).pwn = () => (window as unknown as { __pwned: number[] }).__pwned.push(7);
  });
  await page.getByTestId('playground-source').fill('```mermaid\n' + hostile + '\n```\n');
  const preview = page.getByTestId('playground-preview');
  const figure = preview.locator('.mermaid-diagram');
  await expect(figure).toHaveAttribute('data-status', 'ready', DRAWN);
  await expect(figure.locator('svg g.node')).toHaveCount(4);
  // Hover and click every node: handlers, if any survived, would fire now.
  for (const node of await figure.locator('g.node').all()) {
    await node.hover();
    await node.click();
  }
  // An image that fails to load reports it within one round trip to this server: wait for one of ours.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const img = new Image();
        img.onerror = () => resolve();
        img.src = 'x-control-' + Date.now();
      }),
  );
  expect(await page.evaluate(() => (window as unknown as { __pwned: number[] }).__pwned)).toEqual([]);
  const found = await figure.evaluate((fig) => {
    const all = [...fig.querySelectorAll('*')];
    return {
      scripts: fig.querySelectorAll('script, img, iframe, object, embed, foreignObject').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
      jsUrls: all.flatMap((el) => [...el.attributes].filter((a) => /javascript:/i.test(a.value) && a.name !== 'aria-label').map((a) => `${el.tagName}[${a.name}]`)),
    };
  });
  expect(found).toEqual({ scripts: 0, handlers: [], jsUrls: [] });
  // The text of the labels is still shown, as text.
  await expect(figure.locator('g.node text').filter({ hasText: 'tail' })).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('a long diagram keeps readable text and scrolls in its own box, reachable by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/en/06-cnn');
  const article = page.locator('article.prose');
  await diagramsReady(page, article, 1);
  const figure = article.locator('.mermaid-diagram').first();
  await figure.scrollIntoViewIfNeeded();
  const bad = await unreadableLabels(figure, nodeLabels(mermaidBlocks(markdown('en', '06-cnn'))[0]), 'en/06-cnn at 390 px');
  expect(bad, bad.join('\n')).toEqual([]);
  const box = await figure.evaluate((fig) => ({
    scrolls: fig.scrollWidth > fig.clientWidth,
    fitsParent: fig.getBoundingClientRect().width <= (fig.parentElement?.getBoundingClientRect().width ?? 0) + 1,
  }));
  expect(box).toEqual({ scrolls: true, fitsParent: true });
  await expect(figure).toHaveAttribute('tabindex', '0');
});
