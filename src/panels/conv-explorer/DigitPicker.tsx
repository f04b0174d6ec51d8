import { useEffect, useRef } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import { DIGIT_SIDE, type DigitImage } from '../../ml/teach/digits';
import { cellColour } from './format';

const TEXT: TextTable<'choose' | 'mnist' | 'synthetic'> = {
  zh: { choose: '选择输入图像', mnist: '数字 {d}（MNIST 测试集第 {i} 张）', synthetic: '数字 {d}（程序绘制）' },
  en: { choose: 'Choose the input image', mnist: 'Digit {d} (MNIST test image #{i})', synthetic: 'Digit {d} (drawn by the app)' },
};

function Thumb({ digit }: { digit: DigitImage }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    for (let y = 0; y < DIGIT_SIDE; y++) {
      for (let x = 0; x < DIGIT_SIDE; x++) {
        ctx.fillStyle = cellColour(digit.pixels[y * DIGIT_SIDE + x], 'ink', 1);
        ctx.fillRect(x, y, 1, 1);
      }
    }
  }, [digit]);
  return <canvas ref={ref} width={DIGIT_SIDE} height={DIGIT_SIDE} className="conv-thumb" aria-hidden="true" />;
}

/** A row of toggle buttons, one per available digit, each showing the image itself. */
export function DigitPicker(props: { digits: DigitImage[]; selected: DigitImage; onSelect(label: number): void; source: string }) {
  const t = useText(TEXT);
  return (
    <div className="conv-digits" role="group" aria-label={t.choose} data-testid="conv-digits" data-source={props.source}>
      {props.digits.map((d) => {
        const label = d.source === 'mnist' ? fmt(t.mnist, { d: d.label, i: d.index ?? 0 }) : fmt(t.synthetic, { d: d.label });
        return (
          <button
            key={`${d.source}-${d.label}`}
            type="button"
            className="conv-digit"
            aria-pressed={d === props.selected}
            aria-label={label}
            title={label}
            onClick={() => props.onSelect(d.label)}
            data-testid={`conv-digit-${d.label}`}
          >
            <Thumb digit={d} />
            <span aria-hidden="true">{d.label}</span>
          </button>
        );
      })}
    </div>
  );
}
