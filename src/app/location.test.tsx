// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { hashQuery, useHashQuery } from './location';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Show() {
  const q = useHashQuery();
  return <output>{`${q.get('lang')}|${q.get('epochs')}`}</output>;
}

/** Sets the hash and waits for jsdom's (asynchronous) hashchange event. */
const setHash = (h: string) =>
  act(
    () =>
      new Promise<void>((resolve) => {
        addEventListener('hashchange', () => resolve(), { once: true });
        location.hash = h;
      }),
  );

describe('hash query', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reads the query inside the hash, without the ~anchor', () => {
    location.hash = '#/embed/panel/perceptron?preset=xor&lang=en~intro';
    expect(hashQuery().get('preset')).toBe('xor');
    expect(hashQuery().get('lang')).toBe('en');
    location.hash = '#/en/01-neuron';
    expect([...hashQuery().keys()]).toEqual([]);
  });

  it('useHashQuery re-renders when only the hash changes', async () => {
    await setHash('#/embed/panel/mnist-trainer?lang=en&epochs=-5');
    const el = document.createElement('div');
    document.body.append(el);
    const root = createRoot(el);
    await act(() => root.render(<Show />));
    expect(el.textContent).toBe('en|-5');
    await setHash('#/embed/panel/mnist-trainer?lang=zh&epochs=2');
    expect(el.textContent).toBe('zh|2');
    await act(() => root.unmount());
  });
});
