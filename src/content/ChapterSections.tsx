import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { Markdown } from './Markdown';
import { headingIdsIn, splitSections } from './sections';

/** Sections rendered at once: enough to fill the first screen. */
const FIRST = 2;

const Section = memo(function Section(props: { source: string; anchorBase: string; math: Record<string, string> | null; seen: ReadonlyMap<string, number> }) {
  return <Markdown source={props.source} anchorBase={props.anchorBase} math={props.math} seen={props.seen} />;
});

/**
 * A chapter rendered a `## ` section per task: the first screen at once, the rest one section
 * per macrotask, as a transition. Rendering a whole chapter (its panels, charts, diagrams and
 * maths) in one go blocked the page for 0.7 s on a language switch during training; this way
 * no single task holds the main thread that long and the first screen shows sooner.
 * `all` renders everything at once (a link to a heading deep in the chapter needs it there).
 */
export function ChapterSections(props: {
  source: string;
  anchorBase: string;
  math: Record<string, string> | null;
  all?: boolean;
  /** Called with the source once its last section is on the page (the chapter's end is real). */
  onComplete?: (source: string) => void;
}) {
  const { source, anchorBase, math, all = false, onComplete } = props;
  const sections = useMemo(() => splitSections(source), [source]);
  const seeds = useMemo(() => sections.map((_, i) => headingIdsIn(sections.slice(0, i))), [sections]);
  const [shown, setShown] = useState({ source, n: all ? sections.length : FIRST });
  // A new source (another chapter or language) starts again from the first screen.
  const n = shown.source === source ? shown.n : all ? sections.length : FIRST;
  if (shown.source !== source) setShown({ source, n });

  useEffect(() => {
    if (n >= sections.length) return void onComplete?.(source);
    const timer = setTimeout(() => startTransition(() => setShown((s) => (s.source === source ? { source, n: s.n + 1 } : s))), 0);
    return () => clearTimeout(timer);
  }, [n, sections.length, source, onComplete]);

  return (
    // No wrapper element: the sections' blocks stay direct children of .prose, as the styles expect.
    <>
      {sections.slice(0, n).map((s, i) => (
        <Section key={i} source={s} anchorBase={anchorBase} math={math} seen={seeds[i]} />
      ))}
    </>
  );
}
