import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { BACKEND_TEXT, badgeExplanation, badgeText } from './backendText';
import { useLang } from './i18n';
import './BackendBadge.css';

/**
 * Which tfjs backend trains, in plain words ("Training runs on: WebAssembly (fast CPU)"), shown
 * in the top bar and in training panels. A click (or hover, as a tooltip) explains why this one
 * and why not the others.
 */
export function BackendBadge() {
  const lang = useLang();
  const engine = useStore((s) => s.engine);
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLSpanElement>(null);
  const id = useId();
  const t = BACKEND_TEXT[lang];
  const text = badgeText(engine, lang);
  const { why, probes } = badgeExplanation(engine, lang);

  // Closes on Escape and on a click elsewhere, like any popover.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: PointerEvent) => !wrap.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  return (
    <span className="backend-wrap" ref={wrap}>
      <button
        type="button"
        className={`backend-badge backend-${engine.status}`}
        data-testid="backend-badge"
        data-backend={engine.status === 'ready' ? (engine.backend ?? undefined) : undefined}
        data-reason={engine.status === 'ready' ? (engine.reason ?? undefined) : undefined}
        aria-expanded={open}
        aria-controls={id}
        title={[t.title, why, ...probes].join('\n')}
        onClick={() => setOpen((o) => !o)}
      >
        {text}
      </button>
      {open ? (
        <span className="backend-explain" id={id} role="note" data-testid="backend-explain">
          <strong>{t.title}</strong>
          <span className="backend-explain-p">{t.intro}</span>
          <span className="backend-explain-p">{why}</span>
          {probes.length ? (
            <>
              <span className="backend-explain-p">{t.tried}</span>
              <ul>
                {probes.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
