import { describe, expect, it } from 'vitest';
import { detectLang } from './browserLang';

describe('detectLang', () => {
  it('picks Chinese for any zh-* locale', () => {
    for (const l of ['zh', 'zh-CN', 'zh-TW', 'zh-Hans-CN', 'ZH_cn']) expect(detectLang([l])).toBe('zh');
  });
  it('picks English for en-* and for languages the site does not have', () => {
    expect(detectLang(['en-US'])).toBe('en');
    expect(detectLang(['fr-FR', 'de'])).toBe('en');
    expect(detectLang([])).toBe('en');
    expect(detectLang(undefined)).toBe('en');
  });
  it('follows the order of preference: the first language the site has wins', () => {
    expect(detectLang(['fr-FR', 'zh-CN', 'en'])).toBe('zh');
    expect(detectLang(['en-GB', 'zh-CN'])).toBe('en');
  });
});
