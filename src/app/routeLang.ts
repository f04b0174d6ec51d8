import type { Lang } from './i18n';

/**
 * The language a URL names: `#/en/02-forward`, `#/embed/zh/01-neuron`, or `?lang=` of an
 * embedded panel. A link names its language on purpose, so it wins over a saved or detected one.
 */
export function langOfHash(hash: string): Lang | null {
  const path = hash.replace(/^#/, '');
  const m = /^\/(?:embed\/)?(zh|en)(?:\/|$|[?~])/.exec(path);
  if (m) return m[1] as Lang;
  const q = path.indexOf('?');
  const lang = q >= 0 && path.startsWith('/embed/panel/') ? new URLSearchParams(path.slice(q + 1).split('~')[0]).get('lang') : null;
  return lang === 'zh' || lang === 'en' ? lang : null;
}
