import DOMPurify from 'dompurify';

/**
 * Mermaid output → SVG safe to insert: SVG and filter elements only (no HTML, so no
 * <foreignObject>, <script>, <iframe>), no event handlers, no javascript: URLs.
 * Mermaid 'strict' already escapes labels; this is the second, independent wall.
 */
export function sanitizeSvg(svg: string): string {
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'script'],
  });
}
