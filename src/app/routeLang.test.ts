import { describe, expect, it } from 'vitest';
import { langOfHash } from './routeLang';

describe('langOfHash', () => {
  it('reads the language of chapter and embed routes', () => {
    expect(langOfHash('#/en/02-forward')).toBe('en');
    expect(langOfHash('#/zh/01-neuron~heading')).toBe('zh');
    expect(langOfHash('#/embed/en/01-neuron?origin=https://x.example')).toBe('en');
    expect(langOfHash('#/embed/panel/perceptron?lang=zh&preset=xor')).toBe('zh');
  });
  it('is null where the URL names no language', () => {
    expect(langOfHash('')).toBeNull();
    expect(langOfHash('#/')).toBeNull();
    expect(langOfHash('#/playground')).toBeNull();
    expect(langOfHash('#/fr/01-neuron')).toBeNull();
    expect(langOfHash('#/embed/panel/perceptron?lang=fr')).toBeNull();
  });
});
