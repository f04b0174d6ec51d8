import type { ReactElement } from 'react';
import { renderToString as ssr } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import MlpForwardPanel from './MlpForwardPanel';


/** Server-rendered HTML without React's text separators, so numbers can be searched for. */
const renderToString = (el: ReactElement) => ssr(el).replace(/<!-- -->/g, '');
describe('mlp-forward panel', () => {
  it('shows the chapter example’s numbers by default', () => {
    const html = renderToString(<MlpForwardPanel settings={{}} />);
    expect(html).toContain('(0.731, 0.269)');
    expect(html).toContain('−1.000'); // z₁ of the first hidden unit
    expect(html).toContain('3×2');
    expect(html).not.toContain('error-box');
  });

  it('follows the input and activation settings', () => {
    const html = renderToString(<MlpForwardPanel settings={{ x1: '0', x2: '0', activation: 'linear' }} />);
    // With x = 0 the hidden layer is b₁ = (0.5, −1, 0), z⁽²⁾ = (1·0.5 + 2·(−1) − 2, 0) = (−3.5, 0).
    expect(html).toContain('−3.500');
    expect(html).toContain('W′ = W₂W₁');
  });

  it('reports bad settings and keeps working', () => {
    const html = renderToString(<MlpForwardPanel settings={{ activation: 'gelu', x1: 'abc' }} />);
    expect(html).toContain('data-testid="error-box"');
    expect(html).toContain('(0.731, 0.269)');
  });
});
