import { useMemo, useSyncExternalStore } from 'react';
import { useHashLocation } from 'wouter/use-hash-location';

/**
 * Hash routing (`#/zh/01-neuron`) works on any static host with no rewrite rules, and inside
 * instructors' iframes. The hash may carry `?settings` (embeds) and `~anchor` (a heading);
 * routes see the path alone.
 */
export function useAppLocation(): [string, (to: string, opts?: { replace?: boolean }) => void] {
  const [loc, navigate] = useHashLocation();
  return [loc.split(/[?~]/)[0], navigate];
}
/**
 * How a route becomes an `href`: wouter's Router reads `hook.hrefs`, and a wrapper hook loses the
 * one useHashLocation carries, so `<Link href="/en/02-forward">` rendered a bare path that 404s when
 * opened in a new tab or copied. With it every in-app link is a real URL: `#/en/02-forward`.
 */
useAppLocation.hrefs = (to: string): string => `#${to}`;

/** The raw `a=b&c=d` part inside the hash (a string, so React can compare snapshots). */
function hashQueryString(): string {
  const h = location.hash;
  const q = h.indexOf('?');
  return q >= 0 ? h.slice(q + 1).split('~')[0] : '';
}

/** The `?a=b` part inside the hash, e.g. `#/embed/panel/perceptron?preset=xor`, read now. */
export function hashQuery(): URLSearchParams {
  return new URLSearchParams(hashQueryString());
}

// popstate too: history.back() between two hashes fires it, and wouter's navigate() fires hashchange.
function subscribeHash(onChange: () => void): () => void {
  addEventListener('hashchange', onChange);
  addEventListener('popstate', onChange);
  return () => {
    removeEventListener('hashchange', onChange);
    removeEventListener('popstate', onChange);
  };
}

/**
 * The hash query, kept current: a course page that changes only the hash of an iframe's `src`
 * (new settings, another language) re-renders the embed instead of being ignored.
 */
export function useHashQuery(): URLSearchParams {
  const q = useSyncExternalStore(subscribeHash, hashQueryString, () => '');
  return useMemo(() => new URLSearchParams(q), [q]);
}

/** The `~anchor` part of the hash, if any. */
export function hashAnchor(): string | null {
  const i = location.hash.indexOf('~');
  return i >= 0 ? decodeURIComponent(location.hash.slice(i + 1)) : null;
}
