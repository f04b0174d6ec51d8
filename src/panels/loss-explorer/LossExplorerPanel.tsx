import { useMemo, useState } from 'react';
import { useLang, useText, type TextTable } from '../../app/i18n';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { BinaryLoss } from './BinaryLoss';
import { CceLoss } from './CceLoss';
import { bceRangeErrors, LOSS_SETTINGS } from './settings';
import { SigmoidCompare } from './SigmoidCompare';
import { SettingsErrors } from '../SettingsErrors';
import './loss-explorer.css';

type Loss = 'mse' | 'bce' | 'cce';
const TEXT: TextTable<'invalid' | 'choose' | Loss> = {
  zh: { invalid: '面板设置无效，已使用默认值', choose: '损失函数', mse: '均方误差 MSE', bce: '二元交叉熵 BCE', cce: '类别交叉熵（3 类）' },
  en: { invalid: 'Invalid panel settings; using defaults', choose: 'Loss function', mse: 'Mean squared error', bce: 'Binary cross-entropy', cce: 'Categorical cross-entropy (3 classes)' },
};

/** Keeps BCE's inputs legal when switching to it: y ∈ {0, 1}, ŷ ∈ [0.001, 0.999]. */
const bceY = (y: number) => (y >= 0.5 ? 1 : 0);
const bceP = (p: number) => Math.min(0.999, Math.max(0.001, p));

/** Settings seed the panel's state; new settings (an edited directive) start it afresh. */
export default function LossExplorerPanel({ settings }: PanelProps) {
  return <LossExplorerPanelBody key={JSON.stringify(settings)} settings={settings} />;
}

function LossExplorerPanelBody({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const parsed = useMemo(() => {
    const r = parseSettingsTable(LOSS_SETTINGS, settings);
    const extra = bceRangeErrors(r.values.loss, r.values.y, r.values.yhat, settings);
    const values = { ...r.values };
    // A bad cross-field value falls back to the defaults, like any other bad setting.
    for (const e of extra) (values as Record<string, unknown>)[e.key] = LOSS_SETTINGS[e.key as 'y' | 'yhat'].default;
    return { values, errors: [...r.errors, ...extra] };
  }, [settings]);
  const v = parsed.values;
  const [loss, setLoss] = useState<Loss>(v.loss as Loss);
  const [y, setY] = useState(v.loss === 'bce' ? bceY(v.y) : v.y);
  const [yhat, setYhat] = useState(v.loss === 'bce' ? bceP(v.yhat) : v.yhat);
  const [z, setZ] = useState([v.z1, v.z2, v.z3]);
  const [target, setTarget] = useState(v.target - 1);
  const [cz, setCz] = useState(v.z);
  const [cy, setCy] = useState<0 | 1>(1);

  const choose = (l: Loss) => {
    setLoss(l);
    if (l === 'bce') {
      setY(bceY(y));
      setYhat(bceP(yhat));
    }
  };

  return (
    <div className="loss-explorer">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <div className="controls loss-tabs" role="group" aria-label={t.choose}>
        {(['mse', 'bce', 'cce'] as const).map((l) => (
          <button key={l} type="button" aria-pressed={loss === l} onClick={() => choose(l)} data-testid={`loss-tab-${l}`}>
            {t[l]}
          </button>
        ))}
      </div>
      {loss === 'cce' ? (
        <CceLoss z={z} target={target} onZ={setZ} onTarget={setTarget} />
      ) : (
        <BinaryLoss kind={loss} y={y} yhat={yhat} onY={setY} onYhat={setYhat} />
      )}
      <SigmoidCompare z={cz} y={cy} onZ={setCz} onY={setCy} />
    </div>
  );
}
