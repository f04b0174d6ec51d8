import { useEffect, useState } from 'react';
import './NumberField.css';

/**
 * A number input that lets the reader type freely ("-", "0.", "") and only reports finite
 * numbers within [min, max]; anything else is marked invalid and the last good value stays.
 */
export function NumberField(props: {
  value: number;
  onChange(v: number): void;
  label: string;
  min?: number;
  max?: number;
  step?: number;
  testId?: string;
  className?: string;
}) {
  const [text, setText] = useState(() => String(props.value));
  const parsed = text.trim() === '' ? NaN : Number(text);
  const ok = Number.isFinite(parsed) && (props.min == null || parsed >= props.min) && (props.max == null || parsed <= props.max);
  // Follow outside changes (a reset, a preset) unless the text already means that number.
  useEffect(() => {
    setText((t) => (Number(t) === props.value && t.trim() !== '' ? t : String(props.value)));
  }, [props.value]);
  return (
    <input
      className={props.className ?? 'number-field'}
      type="text"
      inputMode="decimal"
      aria-label={props.label}
      aria-invalid={!ok}
      value={text}
      data-testid={props.testId}
      onChange={(e) => {
        setText(e.target.value);
        const v = e.target.value.trim() === '' ? NaN : Number(e.target.value);
        if (Number.isFinite(v) && (props.min == null || v >= props.min) && (props.max == null || v <= props.max)) props.onChange(v);
      }}
      onBlur={() => {
        if (!ok) setText(String(props.value));
      }}
      onKeyDown={(e) => {
        // Arrow keys nudge the value, like a spin button.
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const step = props.step ?? 0.1;
        let v = Math.round(((ok ? parsed : props.value) + (e.key === 'ArrowUp' ? step : -step)) * 1e6) / 1e6;
        if (props.min != null) v = Math.max(props.min, v);
        if (props.max != null) v = Math.min(props.max, v);
        setText(String(v));
        props.onChange(v);
      }}
    />
  );
}
