import { useEffect, useRef, useState } from 'react';
import { fmt, useText, type TextTable } from '../../app/i18n';
import type { MnistManifest } from '../../ml/data/manifest';
import { countLabels, normalisePixel, type PixelStats } from '../../ml/data/stats';
import { MNIST_MEAN, MNIST_STD } from '../../ml/model/spec';
import { ErrorBox } from '../../ui/ErrorBox';
import { ProgressBar } from '../../ui/ProgressBar';
import type { PanelProps } from '../registry';
import { ClassBars } from './ClassBars';
import { DigitBrowser } from './DigitBrowser';
import { DigitCanvas } from './DigitCanvas';
import { getManifest, useTrainSet } from './useTrainSet';
import './mnist-explorer.css';

type Key =
  | 'intro' | 'load' | 'loading' | 'computing' | 'error' | 'retry' | 'means' | 'meanOf' | 'statsTitle' | 'mean' | 'std' | 'background' | 'over'
  | 'matches' | 'used' | 'why' | 'after' | 'network' | 'manifest' | 'checksum' | 'decompress' | 'shape' | 'aborted' | 'meansHint';

const TEXT: TextTable<Key> = {
  zh: {
    intro: '浏览全部 60,000 张训练图像需要下载 {mb} MB（解压后 47 MB，存进浏览器缓存，下次不再下载）。面板出现在屏幕上时会自动开始加载。',
    load: '加载训练图像',
    loading: '下载并校验训练集',
    computing: '正在逐块统计像素',
    error: '训练集加载失败',
    retry: '重试',
    means: '每一类的平均图像',
    meanOf: '数字 {d} 的平均图像',
    meansHint: '把同一类的所有图像逐像素平均：笔画的共同部分最亮，写法的差异变成模糊的光晕。',
    statsTitle: '从训练集的全部像素算出的统计量（像素先除以 255）',
    mean: '均值 μ',
    std: '标准差 σ',
    background: '纯背景像素（值为 0）',
    over: '基于 {n} 张图像、{px} 个像素',
    matches: '与全书使用的常数 {c} 一致',
    used: '全书使用的常数：{c}',
    why: '为什么要归一化？以 0 为中心、方差约为 1 的输入正是常见初始化方法所假设的，第一层的输出因此一开始就在合适的范围；而且全为正的输入会让同一神经元的所有输入权重梯度同号，只能"之"字形更新。归一化之后：',
    after: '背景 0 → {bg}，最浓的墨迹 255 → {ink}',
    network: '网络错误，请检查连接后重试：',
    manifest: '数据清单无法读取：',
    checksum: '下载的文件校验失败（可能不完整）：',
    decompress: '文件解压失败：',
    shape: '数据形状不对：',
    aborted: '加载被取消：',
  },
  en: {
    intro: 'Browsing all 60,000 training images downloads {mb} MB (47 MB unpacked, kept in your browser’s cache so the next visit downloads nothing). Loading starts by itself once this panel is on screen.',
    load: 'Load the training images',
    loading: 'Downloading and checking the training set',
    computing: 'Computing pixel statistics chunk by chunk',
    error: 'Could not load the training set',
    retry: 'Retry',
    means: 'The mean image of each class',
    meanOf: 'Mean image of digit {d}',
    meansHint: 'Every image of a class averaged pixel by pixel: the strokes all writers share are brightest; the ways they differ blur into a halo.',
    statsTitle: 'Statistics of all training pixels (each divided by 255)',
    mean: 'Mean μ',
    std: 'Standard deviation σ',
    background: 'Pure background pixels (value 0)',
    over: 'over {n} images, {px} pixels',
    matches: 'matches the constant {c} used throughout',
    used: 'constant used throughout: {c}',
    why: 'Why normalise? Inputs centred on 0 with variance near 1 are what the usual weight initialisations assume, so the first layer starts in a good range; and all-positive inputs give all of a neuron’s incoming weights gradients of the same sign, forcing zig-zag updates. After normalising:',
    after: 'background 0 → {bg}, darkest ink 255 → {ink}',
    network: 'Network error; check your connection and retry:',
    manifest: 'The data manifest could not be read:',
    checksum: 'A downloaded file failed its checksum (incomplete?):',
    decompress: 'A file could not be decompressed:',
    shape: 'The data has the wrong shape:',
    aborted: 'Loading was cancelled:',
  },
};

const int = (n: number) => n.toLocaleString('en-US');

function StatsBlock({ stats, total }: { stats: PixelStats; total: number }) {
  const t = useText(TEXT);
  const done = stats.count >= total;
  const row = (label: string, value: number, constant: number, testId: string) => {
    const ok = Math.abs(value - constant) < 5e-5;
    return (
      <div className="mx-stat">
        <dt>{label}</dt>
        <dd data-testid={testId} data-value={value.toFixed(6)}>
          {value.toFixed(4)}
        </dd>
        <dd className={done && ok ? 'mx-check is-ok' : 'mx-check'}>{fmt(done && ok ? `✓ ${t.matches}` : t.used, { c: constant.toFixed(4) })}</dd>
      </div>
    );
  };
  return (
    <section className="mx-stats" aria-labelledby="mx-stats-title">
      <h4 id="mx-stats-title" className="mx-caption">
        {t.statsTitle}
      </h4>
      <dl className="mx-stat-grid" aria-live="polite">
        {row(t.mean, stats.mean, MNIST_MEAN, 'mx-mean')}
        {row(t.std, stats.std, MNIST_STD, 'mx-std')}
        <div className="mx-stat">
          <dt>{t.background}</dt>
          <dd>{(stats.background * 100).toFixed(1)}%</dd>
        </div>
      </dl>
      <p className="muted mx-over" data-testid="mx-count" data-count={stats.count}>
        {fmt(t.over, { n: int(stats.count), px: int(stats.count * 784) })}
      </p>
      {!done ? <ProgressBar value={stats.count} max={total} label={t.computing} /> : null}
      <p className="mx-why">
        {t.why}{' '}
        <strong>
          {fmt(t.after, { bg: normalisePixel(0, stats.mean || MNIST_MEAN, stats.std || MNIST_STD).toFixed(3), ink: normalisePixel(255, stats.mean || MNIST_MEAN, stats.std || MNIST_STD).toFixed(2) })}
        </strong>
      </p>
    </section>
  );
}

export default function MnistExplorerPanel(_props: PanelProps) {
  const t = useText(TEXT);
  const state = useTrainSet();
  const [manifest, setManifest] = useState<MnistManifest | null>(null);
  const [digit, setDigit] = useState(7);
  const root = useRef<HTMLDivElement>(null);
  const { load, status } = state;

  useEffect(() => {
    let alive = true;
    getManifest().then(
      (m) => alive && setManifest(m),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);

  // Lazy: start once the panel has been on screen for half a second (not while scrolling past).
  useEffect(() => {
    const el = root.current;
    if (!el || status !== 'idle' || typeof IntersectionObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const io = new IntersectionObserver(
      ([entry]) => {
        if (timer) clearTimeout(timer);
        timer = entry.isIntersecting ? setTimeout(load, 500) : null;
      },
      { threshold: 0.15 },
    );
    io.observe(el);
    return () => {
      io.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [status, load]);

  const data = state.status === 'computing' ? state.data : state.status === 'ready' ? state.set.data : null;
  const byClass = state.status === 'computing' ? state.byClass : state.status === 'ready' ? state.set.byClass : null;
  const stats = state.status === 'computing' ? state.partial : state.status === 'ready' ? state.set.stats : null;
  const counts = data ? countLabels(data.labels, data.count) : (manifest?.splits.train.labelCounts ?? null);
  const mb = manifest ? ((manifest.splits.train.labels.bytes + manifest.splits.train.images.reduce((a, f) => a + f.bytes, 0)) / 1e6).toFixed(1) : '9.6';

  return (
    <div className="mx" ref={root} data-testid="mnist-explorer" data-status={state.status}>
      <ClassBars counts={counts} selected={digit} onSelect={setDigit} verified={!!data} />

      {state.status === 'idle' ? (
        <div className="mx-idle">
          <p className="muted">{fmt(t.intro, { mb })}</p>
          <button type="button" className="primary" onClick={load} data-testid="mx-load">
            {t.load}
          </button>
        </div>
      ) : null}
      {state.status === 'loading' ? <ProgressBar value={state.loaded} max={state.total} label={t.loading} /> : null}
      {state.status === 'error' ? (
        <ErrorBox title={t.error}>
          <p>
            {t[state.code as 'network'] ?? t.network} <code>{state.detail}</code>
          </p>
          <button type="button" onClick={load} data-testid="mx-retry">
            {t.retry}
          </button>
        </ErrorBox>
      ) : null}

      {data && byClass ? <DigitBrowser data={data} indices={byClass[digit]} digit={digit} /> : null}

      {stats ? (
        <section className="mx-means" aria-labelledby="mx-means-title">
          <h4 id="mx-means-title" className="mx-caption">
            {t.means}
          </h4>
          <div className="mx-mean-row">
            {Array.from({ length: 10 }, (_, d) => (
              <button key={d} type="button" className="mx-mean" aria-pressed={d === digit} onClick={() => setDigit(d)}>
                <DigitCanvas pixels={stats.classMeans} offset={d * 784} size={52} smooth label={fmt(t.meanOf, { d })} />
                <span>{d}</span>
              </button>
            ))}
          </div>
          <p className="muted mx-hint">{t.meansHint}</p>
        </section>
      ) : null}
      {stats && data ? <StatsBlock stats={stats} total={data.count} /> : null}
    </div>
  );
}
