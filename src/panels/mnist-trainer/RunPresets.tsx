import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { presetOfRaw, RUN_PRESET_IDS, RUN_PRESETS, type RunPresetId } from './presets';

const TEXT: TextTable<RunPresetId | `${RunPresetId}Time` | 'label' | 'size' | 'custom'> = {
  zh: {
    label: '训练多少：',
    quick: '快速试跑',
    epoch: '完整一轮',
    full: '完整配方',
    size: '{n} 张图像 × {e} 轮',
    quickTime: '不到 1 分钟',
    epochTime: '约 1–2 分钟',
    fullTime: '约 10–20 分钟',
    custom: '（当前为自定义设置）',
  },
  en: {
    label: 'How much to train:',
    quick: 'Quick run',
    epoch: 'One full epoch',
    full: 'Full recipe',
    size: '{n} images × {e} {ep}',
    quickTime: 'under 1 min',
    epochTime: 'about 1–2 min',
    fullTime: 'about 10–20 min',
    custom: '(custom settings now)',
  },
};

/**
 * One click sets the run's length (images × epochs), each button saying how long it takes
 * (wasm on a 2-core laptop; README "Speed"). The pressed one matches the fields below.
 */
export function RunPresets(props: { raw: { subset: string; epochs: string }; onPick(subset: number, epochs: number): void }) {
  const t = useText(TEXT);
  const lang = useLang();
  const nf = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en');
  const current = presetOfRaw(props.raw);
  return (
    <div className="tr-presets" role="group" aria-label={t.label} data-testid="trainer-presets" data-preset={current ?? 'custom'}>
      <span className="tr-presets-label">{t.label}</span>
      {RUN_PRESET_IDS.map((id) => {
        const p = RUN_PRESETS[id];
        return (
          <button
            key={id}
            type="button"
            aria-pressed={current === id}
            onClick={() => props.onPick(p.subset, p.epochs)}
            data-testid={`trainer-preset-${id}`}
          >
            <strong>{t[id]}</strong>
            <small>
              {fmt(t.size, { n: nf.format(p.subset), e: p.epochs, ep: p.epochs === 1 ? 'epoch' : 'epochs' })} · {t[`${id}Time`]}
            </small>
          </button>
        );
      })}
      {current ? null : <span className="muted tr-presets-custom">{t.custom}</span>}
    </div>
  );
}
