import { fmt, useText, type TextTable } from '../../app/i18n';
import { suggestedLr, type Divergence } from '../../ml/train/divergence';
import type { TrainConfig } from '../../ml/train/types';

const TEXT: TextTable<'nan' | 'exploded' | 'chance' | 'causeHigh' | 'causeOther' | 'tryHigh' | 'tryLower' | 'apply' | 'applied' | 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam'> = {
  zh: {
    nan: '训练崩溃了：第 {e} 轮的损失变成了 NaN（不是一个数）或无穷大。',
    exploded: '训练发散了：损失从开始时的 {start} 升到了第 {e} 轮的 {loss}，验证准确率只有 {acc}。',
    chance: '网络在瞎猜：第 {e} 轮后验证准确率 {acc}，和随机猜测（{chance}）差不多。',
    causeHigh: '最可能的原因：对 {opt} 来说，学习率 {lr} 太大了。每一步都迈过了头，权重越来越大，网络给正确数字的概率几乎是 0。',
    causeOther: '可能的原因：学习率对这个网络仍然太大，或者网络的结构让它学不动（在结构面板里检查各层）。',
    tryHigh: '试试学习率 {s}（{opt} 常用的值，见第 4 章），然后重新训练。',
    tryLower: '试试把学习率减小到十分之一，即 {s}，然后重新训练。',
    apply: '改用学习率 {s}',
    applied: '学习率已设为 {s}：点“重新训练”。',
    sgd: 'SGD', momentum: '带动量的 SGD', adagrad: 'AdaGrad', rmsprop: 'RMSProp', adam: 'Adam',
  },
  en: {
    nan: 'Training broke down: in epoch {e} the loss became NaN (not a number) or infinite.',
    exploded: 'Training diverged: the loss rose from {start} at the start to {loss} in epoch {e}, and validation accuracy is only {acc}.',
    chance: 'The network is guessing: after epoch {e} validation accuracy is {acc}, no better than chance ({chance}).',
    causeHigh: 'Most likely cause: a learning rate of {lr} is too high for {opt}. Every step overshoots, the weights blow up, and the network gives the right digit a probability near 0.',
    causeOther: 'Possible causes: the learning rate is still too high for this network, or its layers keep it from learning (check them in the architecture panel).',
    tryHigh: 'Try a learning rate of {s} (the usual value for {opt}; chapter 4) and train again.',
    tryLower: 'Try a ten times smaller learning rate, {s}, and train again.',
    apply: 'Use learning rate {s}',
    applied: 'Learning rate set to {s}: press “Train again”.',
    sgd: 'SGD', momentum: 'SGD with momentum', adagrad: 'AdaGrad', rmsprop: 'RMSProp', adam: 'Adam',
  },
};

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/**
 * What went wrong in the reader's language, why, and what to try, with a button that puts
 * the suggested learning rate into the field. `currentLr` is the field's raw text.
 */
export function DivergenceNotice(props: { d: Divergence; config: TrainConfig; currentLr: string; onApplyLr(lr: number): void }) {
  const t = useText(TEXT);
  const { d, config } = props;
  const s = suggestedLr(config.optimizer, config.learningRate);
  const opt = t[config.optimizer];
  const vals = { e: d.epoch + 1, start: d.startLoss?.toFixed(2) ?? '–', loss: d.loss.toFixed(2), acc: pct(d.acc), chance: pct(d.chance), lr: config.learningRate, opt, s: s.lr };
  const applied = Number(props.currentLr) === s.lr;
  return (
    <div className="tr-diverged" role="alert" data-testid="train-divergence" data-code={d.code}>
      <p>
        <strong>{fmt(t[d.code], vals)}</strong>
      </p>
      <p>{fmt(s.tooHigh ? t.causeHigh : t.causeOther, vals)}</p>
      <p>{fmt(s.tooHigh ? t.tryHigh : t.tryLower, vals)}</p>
      {applied ? (
        <p data-testid="train-divergence-applied">{fmt(t.applied, vals)}</p>
      ) : (
        <button type="button" onClick={() => props.onApplyLr(s.lr)} data-testid="train-divergence-apply">
          {fmt(t.apply, vals)}
        </button>
      )}
    </div>
  );
}
