import type { ReactElement } from 'react';
import { renderToString as ssr } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseSettingsTable } from '../settings';
import ActivationsPanel from './ActivationsPanel';
import { ACTIVATIONS_SETTINGS } from './settings';


/** Server-rendered HTML without React's text separators, so numbers can be searched for. */
const renderToString = (el: ReactElement) => ssr(el).replace(/<!-- -->/g, '');
describe('activations panel', () => {
  it('accepts every activation name and rejects others', () => {
    for (const fn of ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu']) expect(parseSettingsTable(ACTIVATIONS_SETTINGS, { fn }).errors).toEqual([]);
    expect(parseSettingsTable(ACTIVATIONS_SETTINGS, { fn: 'swish' }).errors).toHaveLength(1);
    expect(parseSettingsTable(ACTIVATIONS_SETTINGS, { T: '0' }).errors).toHaveLength(1);
  });

  it('renders f(x) and f′(x) at the cursor for the chosen function', () => {
    const html = renderToString(<ActivationsPanel settings={{ fn: 'sigmoid', x: '5' }} />);
    expect(html).toContain('0.9933'); // σ(5)
    expect(html).toContain('0.0066'); // σ′(5)
    expect(html).toContain('(0.659, 0.242, 0.099)'); // softmax of the chapter's logits at T = 1
    expect(html).not.toContain('error-box');
  });

  it('shows an error box for a bad setting and falls back to ReLU', () => {
    const html = renderToString(<ActivationsPanel settings={{ fn: 'swish' }} />);
    expect(html).toContain('data-testid="error-box"');
    expect(html).toContain('aria-pressed="true" data-testid="activation-fn-relu"');
  });
});
