import { describe, expect, it } from 'vitest';
import { allowedParentOrigin, parseEmbedMessage } from './embed';

describe('embed messaging', () => {
  it('takes the declared origin, else the referrer origin', () => {
    expect(allowedParentOrigin(new URLSearchParams('origin=https://course.example/x'), '')).toBe('https://course.example');
    expect(allowedParentOrigin(new URLSearchParams(''), 'https://lms.example/page?a=1')).toBe('https://lms.example');
    expect(allowedParentOrigin(new URLSearchParams(''), '')).toBeNull();
    expect(allowedParentOrigin(new URLSearchParams('origin=notaurl'), '')).toBeNull();
  });

  it('accepts known messages only from the allowed origin', () => {
    const ok = { origin: 'https://course.example', data: { type: 'nnlab:set-lang', lang: 'en' } };
    expect(parseEmbedMessage(ok, 'https://course.example')).toEqual({ type: 'nnlab:set-lang', lang: 'en' });
    expect(parseEmbedMessage({ ...ok, origin: 'https://evil.example' }, 'https://course.example')).toBeNull();
    expect(parseEmbedMessage(ok, null)).toBeNull();
    expect(parseEmbedMessage({ ...ok, data: { type: 'nnlab:set-lang', lang: 'fr' } }, 'https://course.example')).toBeNull();
    expect(parseEmbedMessage({ ...ok, data: '<img onerror=alert(1)>' }, 'https://course.example')).toBeNull();
  });
});
