/**
 * KaTeX options, shared by the runtime renderer (MathTex) and the build-time pre-rendering of
 * chapter formulas (chapterBuild.ts), so both produce the same HTML.
 * trust off (no \href, \htmlClass…); strict errors surface as our error box.
 */
export const KATEX_OPTIONS = { throwOnError: true, trust: false, strict: 'ignore', output: 'htmlAndMathml' } as const;

/** The key of a formula in a chapter's pre-rendered maths: display formulas and inline ones differ. */
export function mathKey(tex: string, display: boolean): string {
  return `${display ? 'D' : 'I'}:${tex}`;
}
