import type { MermaidConfig } from 'mermaid';

/** Mermaid's themes we use: 'neutral' on the light page, 'dark' on the dark one. */
export type DiagramTheme = 'neutral' | 'dark';

/** The diagram theme for the page's effective theme, `<html data-theme="light|dark">`. */
export function diagramTheme(root: HTMLElement | null = typeof document === 'undefined' ? null : document.documentElement): DiagramTheme {
  return root?.dataset.theme === 'dark' ? 'dark' : 'neutral';
}

/**
 * Config keys a diagram's own `%%{init}%%` or front matter may not change. Mermaid's defaults
 * (securityLevel …) plus: `htmlLabels`, because HTML labels live in <foreignObject>, which the
 * sanitizer removes (a blank box); and the theme keys, because the page's theme decides them so
 * that diagrams stay readable in light and dark.
 */
export const LOCKED_KEYS = ['htmlLabels', 'theme', 'themeCSS', 'darkMode'] as const;

/**
 * `htmlLabels: false` at the top level makes Mermaid 11 draw every label as SVG <text>. The old
 * `flowchart.htmlLabels: false` is deprecated and no longer reaches the node shapes: they still
 * wrote HTML in <foreignObject>, which the SVG sanitizer dropped — every node was an empty box.
 */
export function mermaidConfig(theme: DiagramTheme, defaultSecure: readonly string[] = []): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    darkMode: theme === 'dark',
    fontFamily: 'inherit',
    htmlLabels: false,
    secure: [...new Set([...defaultSecure, 'secure', 'securityLevel', ...LOCKED_KEYS])],
  };
}

// sanitizeSvg lives in sanitizeSvg.ts: DOMPurify loads with the diagrams, not with the first page.
