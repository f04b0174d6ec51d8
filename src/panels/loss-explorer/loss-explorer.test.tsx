import type { ReactElement } from 'react';
import { renderToString as ssr } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import LossExplorerPanel from './LossExplorerPanel';

// The first-visit language follows the browser's; these tests read the Chinese page.
vi.hoisted(() => Object.defineProperty(globalThis, 'navigator', { value: { languages: ['zh-CN'] }, configurable: true }));

/**
 * Server-rendered HTML without React's text separators, so numbers can be searched for.
 * Server rendering reads the store's initial state, so these tests see the browser language set above (zh).
 */
const renderToString = (el: ReactElement) => ssr(el).replace(/<!-- -->/g, '');
describe('loss-explorer panel', () => {
  it('BCE by default: loss and gradient at ŷ = 0.3, y = 1, numerically checked', () => {
    const html = renderToString(<LossExplorerPanel settings={{ loss: 'bce' }} />);
    expect(html).toContain('1.2040'); // −log 0.3
    expect(html).toContain('−3.3333'); // −1/0.3
    expect(html).toContain('数值检验 ✓');
    expect(html).toContain('−0.0132'); // MSE through σ at z = −5
    expect(html).toContain('−0.9933'); // BCE through σ at z = −5
    expect(html).not.toContain('error-box');
  });

  it('CCE: the chapter’s logits give loss 0.417 and gradient (−0.341, 0.242, 0.099)', () => {
    const html = renderToString(<LossExplorerPanel settings={{ loss: 'cce' }} />);
    expect(html).toContain('0.4170');
    expect(html).toContain('−0.341, 0.242, 0.099');
    expect(html).toContain('数值检验 ✓');
  });

  it('MSE: (ŷ − y)² and 2(ŷ − y)', () => {
    const html = renderToString(<LossExplorerPanel settings={{ loss: 'mse', y: '1', yhat: '0.5' }} />);
    expect(html).toContain('0.2500');
    expect(html).toContain('−1.0000');
  });

  it('rejects y outside [0, 1] for BCE and falls back to the defaults', () => {
    const html = renderToString(<LossExplorerPanel settings={{ loss: 'bce', y: '2', yhat: '1' }} />);
    expect(html).toContain('data-testid="error-box"');
    expect(html).toContain('使用 bce 时 “y” 必须在 0 到 1 之间');
    expect(html).toContain('1.2040');
  });
});
