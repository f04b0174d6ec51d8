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

/** The `?a=b` part inside the hash, e.g. `#/embed/panel/perceptron?preset=xor`. */
export function hashQuery(): URLSearchParams {
  const h = location.hash;
  const q = h.indexOf('?');
  return new URLSearchParams(q >= 0 ? h.slice(q + 1).split('~')[0] : '');
}

/** The `~anchor` part of the hash, if any. */
export function hashAnchor(): string | null {
  const i = location.hash.indexOf('~');
  return i >= 0 ? decodeURIComponent(location.hash.slice(i + 1)) : null;
}
