import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useThemeColors } from './theme';

export interface Series {
  label: string;
  color: string;
  /** y values aligned with `x`; null leaves a gap. */
  values: (number | null)[];
  dash?: number[];
  /** Second y axis (e.g. accuracy beside loss). */
  right?: boolean;
}

/**
 * A live line chart on uPlot (canvas, fast with thousands of points). The chart is created
 * once and fed with setData on every update, so live training doesn't rebuild it.
 */
export function LineChart(props: {
  x: number[];
  series: Series[];
  height?: number;
  xLabel: string;
  yLabel: string;
  y2Label?: string;
  ariaLabel: string;
  /** Replaces the default 'line-chart' class (e.g. a second chart in one panel that tests tell apart). */
  className?: string;
  testId?: string;
  /** Whole-number x ticks only (epochs). */
  xInteger?: boolean;
  /** Fixed ranges (accuracy: [0, 1]) instead of uPlot's padded auto range, which ran up to 1.5. */
  yRange?: [number, number];
  y2Range?: [number, number];
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const c = useThemeColors();
  const shape = props.series.map((s) => `${s.label}|${s.color}|${s.right ? 1 : 0}`).join();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Axis text, ticks and grid in the theme's colours; a theme change rebuilds the chart.
    const axis = { stroke: c.ink, grid: { stroke: c.plotGrid, width: 1 }, ticks: { stroke: c.plotFrame, width: 1 } };
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: props.height ?? 220,
      scales: {
        x: { time: false },
        ...(props.yRange ? { y: { range: props.yRange } } : {}),
        ...(props.y2Range ? { y2: { range: props.y2Range } } : {}),
      },
      axes: [
        { label: props.xLabel, ...axis, ...(props.xInteger ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] } : {}) },
        { label: props.yLabel, ...axis },
        ...(props.y2Label ? [{ label: props.y2Label, scale: 'y2', side: 1, ...axis, grid: { show: false } } as uPlot.Axis] : []),
      ],
      series: [
        // The legend's first entry is the x value under the cursor (uPlot labels it "Value" otherwise).
        { label: props.xLabel, value: (_u: uPlot, v: number | null) => (v == null ? '–' : String(v)) },
        ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, scale: s.right ? 'y2' : 'y', spanGaps: true })),
      ],
      legend: { show: true },
      hooks: {
        // The axes' real ranges, for tests and curious readers (data-y-range="0,1").
        setScale: [
          (u, key) => {
            if (key === 'y' || key === 'y2') el.setAttribute(`data-${key}-range`, `${u.scales[key].min},${u.scales[key].max}`);
          },
        ],
        // Away from the cursor the legend shows each curve's latest value instead of "--".
        setLegend: [showLatest],
        ready: [showLatest],
      },
    };
    plot.current = new uPlot(opts, [props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: props.height ?? 220 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuild only when the set of series changes; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, c, props.xLabel, props.yLabel, props.y2Label, props.height, props.xInteger, String(props.yRange), String(props.y2Range)]);

  useEffect(() => {
    plot.current?.setData([props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData);
  });

  return <div ref={host} className={props.className ?? 'line-chart'} role="img" aria-label={props.ariaLabel} data-points={props.x.length} data-testid={props.testId} />;
}

/** Each series' last non-empty index (the x column: the last point of any). */
function latestIdxs(u: uPlot): (number | null)[] {
  const idxs = u.data.map((col) => {
    for (let i = col.length - 1; i >= 0; i--) if (col[i] != null) return i;
    return null;
  });
  const ys = idxs.slice(1).filter((i): i is number => i !== null);
  idxs[0] = ys.length ? Math.max(...ys) : null;
  return idxs;
}

function showLatest(u: uPlot) {
  if (u.cursor.idx != null) return;
  const idxs = latestIdxs(u);
  // fireHook false: this runs inside the setLegend hook.
  if (idxs[0] !== null) u.setLegend({ idxs }, false);
}
