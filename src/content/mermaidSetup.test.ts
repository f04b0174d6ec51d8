// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { diagramTheme, LOCKED_KEYS, mermaidConfig } from './mermaidSetup';
import { sanitizeSvg } from './sanitizeSvg';

/** What Mermaid 11 writes for one node with htmlLabels off: the label is SVG <text>. */
const NODE =
  '<g class="node default" id="m-flowchart-A-0"><rect class="basic label-container" width="80" height="40"></rect>' +
  '<g class="label"><text y="-10.1"><tspan class="text-outer-tspan row" x="0" dy="1.1em">' +
  '<tspan class="text-inner-tspan">input</tspan><tspan class="text-inner-tspan"> x₁</tspan></tspan></text></g></g>';
const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" id="m" viewBox="0 0 100 50"><style>#m .node rect{fill:#eee}</style>${inner}</svg>`;

function parse(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('sanitizeSvg', () => {
  it('keeps SVG text labels, their rows and the diagram style', () => {
    const out = parse(sanitizeSvg(svg(NODE)));
    expect(out.querySelector('g.node text')?.textContent).toBe('input x₁');
    expect(out.querySelectorAll('tspan.row')).toHaveLength(1);
    expect(out.querySelector('style')?.textContent).toContain('#m .node rect');
    expect(out.querySelector('rect')?.getAttribute('width')).toBe('80');
  });

  it('removes scripts, HTML in foreignObject, event handlers and javascript: URLs', () => {
    const hostile = svg(
      NODE +
        '<script>window.pwned=1</script>' +
        '<foreignObject width="50" height="20"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="window.pwned=2"></div></foreignObject>' +
        '<a href="javascript:window.pwned=3"><text onclick="window.pwned=4" onmouseover="window.pwned=5">link</text></a>' +
        '<image href="javascript:alert(1)"></image><use xlink:href="javascript:alert(1)"></use>' +
        '<animate attributeName="href" to="javascript:alert(1)"></animate>' +
        '<iframe src="javascript:alert(1)"></iframe>',
    );
    const clean = sanitizeSvg(hostile);
    const out = parse(clean);
    expect(out.querySelectorAll('script, foreignObject, img, iframe, div')).toHaveLength(0);
    expect(clean).not.toMatch(/javascript:/i);
    for (const el of out.querySelectorAll('*')) {
      expect([...el.attributes].map((a) => a.name).filter((n) => n.startsWith('on'))).toEqual([]);
    }
    // The harmless text survives as text.
    expect(out.textContent).toContain('link');
    expect(out.querySelector('g.node text')?.textContent).toBe('input x₁');
  });
});

describe('mermaidConfig', () => {
  it('draws labels as SVG text, strict, and locks the keys a diagram must not override', () => {
    const c = mermaidConfig('neutral', ['secure', 'maxTextSize']);
    // Top level: the deprecated flowchart.htmlLabels no longer reaches node shapes in Mermaid 11.
    expect(c.htmlLabels).toBe(false);
    expect(c.securityLevel).toBe('strict');
    expect(c.secure).toEqual(expect.arrayContaining(['secure', 'securityLevel', 'maxTextSize', ...LOCKED_KEYS]));
  });

  it('follows <html data-theme>', () => {
    expect(mermaidConfig('dark').theme).toBe('dark');
    expect(mermaidConfig('dark').darkMode).toBe(true);
    const root = document.documentElement;
    root.dataset.theme = 'dark';
    expect(diagramTheme()).toBe('dark');
    root.dataset.theme = 'light';
    expect(diagramTheme()).toBe('neutral');
    delete root.dataset.theme;
    expect(diagramTheme()).toBe('neutral');
  });
});
