/**
 * Embedding: an instructor's page shows `#/embed/panel/<id>?lang=en&origin=https://course.example`
 * in an iframe. Messages are accepted only from the declared parent origin (or the referrer's),
 * never from '*', and replies go only to that origin.
 */
export type EmbedMessage = { type: 'nnlab:set-lang'; lang: 'zh' | 'en' } | { type: 'nnlab:ping' };

export function allowedParentOrigin(params: URLSearchParams, referrer: string): string | null {
  const declared = params.get('origin');
  const candidate = declared ?? (referrer ? safeOrigin(referrer) : null);
  if (!candidate) return null;
  const origin = safeOrigin(candidate);
  return origin && origin !== 'null' ? origin : null;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Validates an incoming message: right origin, known shape. Anything else is ignored. */
export function parseEmbedMessage(event: { origin: string; data: unknown }, allowed: string | null): EmbedMessage | null {
  if (!allowed || event.origin !== allowed) return null;
  const d = event.data as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null) return null;
  if (d.type === 'nnlab:set-lang' && (d.lang === 'zh' || d.lang === 'en')) return { type: 'nnlab:set-lang', lang: d.lang };
  if (d.type === 'nnlab:ping') return { type: 'nnlab:ping' };
  return null;
}
