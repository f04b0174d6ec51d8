import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

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
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = props.series.map((s) => `${s.label}|${s.color}|${s.right ? 1 : 0}`).join();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: props.height ?? 220,
      scales: { x: { time: false } },
      axes: [
        { label: props.xLabel, stroke: '#333', ...(props.xInteger ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] } : {}) },
        { label: props.yLabel, stroke: '#333' },
        ...(props.y2Label ? [{ label: props.y2Label, scale: 'y2', side: 1, grid: { show: false }, stroke: '#333' } as uPlot.Axis] : []),
      ],
      series: [
        // The legend's first entry is the x value under the cursor (uPlot labels it "Value" otherwise).
        { label: props.xLabel, value: (_u: uPlot, v: number | null) => (v == null ? '–' : String(v)) },
        ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, scale: s.right ? 'y2' : 'y', spanGaps: true })),
      ],
      legend: { show: true },
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
  }, [shape, props.xLabel, props.yLabel, props.y2Label, props.height, props.xInteger]);

  useEffect(() => {
    plot.current?.setData([props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData);
  });

  return <div ref={host} className={props.className ?? 'line-chart'} role="img" aria-label={props.ariaLabel} data-points={props.x.length} data-testid={props.testId} />;
}
