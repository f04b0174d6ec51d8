import { useMemo } from 'react';
import { useText, type TextTable } from '../../app/i18n';
import type { EpochMetrics } from '../../ml/train/types';
import type { Run } from '../../state/slices/runs';
import { LineChart } from '../../ui/LineChart';
import { useThemeColors } from '../../ui/theme';

const TEXT: TextTable<'batchTitle' | 'epochTitle' | 'step' | 'epoch' | 'loss' | 'acc' | 'smooth' | 'trainLoss' | 'valLoss' | 'trainAcc' | 'valAcc' | 'batchChart' | 'epochChart' | 'noEpoch'> = {
  zh: {
    batchTitle: '每一批（噪声大，看趋势）', epochTitle: '每一轮：训练集 vs 验证集', step: '步', epoch: '轮', loss: '损失', acc: '准确率', smooth: '损失（平滑）',
    trainLoss: '训练损失', valLoss: '验证损失', trainAcc: '训练准确率', valAcc: '验证准确率',
    batchChart: '每批的训练损失与准确率曲线', epochChart: '每轮的训练与验证损失、准确率曲线', noEpoch: '第一轮结束后，这里会出现训练集与验证集的对比。',
  },
  en: {
    batchTitle: 'Every batch (noisy: watch the trend)', epochTitle: 'Every epoch: training vs validation', step: 'step', epoch: 'epoch', loss: 'loss', acc: 'accuracy',
    smooth: 'loss (smoothed)', trainLoss: 'training loss', valLoss: 'validation loss', trainAcc: 'training accuracy', valAcc: 'validation accuracy',
    batchChart: 'Training loss and accuracy curves per batch', epochChart: 'Training and validation loss and accuracy per epoch',
    noEpoch: 'After the first epoch, training and validation appear here side by side.',
  },
};

/** Accuracy is a fraction: its axis always spans 0–1, so runs and moments compare at a glance. */
const ACC_RANGE: [number, number] = [0, 1];

/** Exponential moving average, bias-corrected so the first points are not dragged to 0. */
function ema(values: number[], beta = 0.95): number[] {
  let m = 0;
  return values.map((v, i) => {
    m = beta * m + (1 - beta) * v;
    return m / (1 - beta ** (i + 1));
  });
}

export function TrainerCharts({ run, history }: { run: Run; history: EpochMetrics[] }) {
  const t = useText(TEXT);
  const tc = useThemeColors();
  const batch = useMemo(() => {
    const b = run.batches;
    const loss = b.map((m) => m.loss);
    return { x: b.map((m) => m.step + 1), loss, smooth: ema(loss), acc: b.map((m) => m.acc) };
  }, [run.batches]);
  return (
    <div className="tr-charts">
      <figure className="tr-chart">
        <figcaption>{t.batchTitle}</figcaption>
        <LineChart
          ariaLabel={t.batchChart}
          x={batch.x}
          xLabel={t.step}
          yLabel={t.loss}
          y2Label={t.acc}
          y2Range={ACC_RANGE}
          series={[
            { label: t.loss, color: tc.redSoft, values: batch.loss },
            { label: t.smooth, color: tc.red, values: batch.smooth },
            { label: t.acc, color: tc.blue, values: batch.acc, right: true },
          ]}
        />
      </figure>
      <figure className="tr-chart">
        <figcaption>{t.epochTitle}</figcaption>
        {history.length ? (
          <LineChart
            className="epoch-chart"
            testId="epoch-chart"
            xInteger
            ariaLabel={t.epochChart}
            height={200}
            x={history.map((e) => e.epoch + 1)}
            xLabel={t.epoch}
            yLabel={t.loss}
            y2Label={t.acc}
            y2Range={ACC_RANGE}
            series={[
              { label: t.trainLoss, color: tc.red, values: history.map((e) => e.loss) },
              { label: t.valLoss, color: tc.orangeSoft, values: history.map((e) => e.valLoss), dash: [6, 4] },
              { label: t.trainAcc, color: tc.blue, values: history.map((e) => e.acc), right: true },
              { label: t.valAcc, color: tc.green, values: history.map((e) => e.valAcc), right: true, dash: [6, 4] },
            ]}
          />
        ) : (
          <p className="muted tr-empty">{t.noEpoch}</p>
        )}
      </figure>
    </div>
  );
}
