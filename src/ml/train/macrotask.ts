/**
 * Returns a function that resolves on the next macrotask, letting the worker receive
 * messages (pause, stop, predict) between batches. setTimeout(0) is clamped to ≥ 4 ms after
 * a few nestings, which would cost ~4 ms per batch; a MessageChannel post is not clamped.
 * Node has setImmediate (and a MessageChannel there would keep the process alive).
 */
export function createYielder(): () => Promise<void> {
  if (typeof setImmediate === 'function') {
    return () => new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
}
