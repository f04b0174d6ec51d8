import { fmt, useText, type TextTable } from '../../app/i18n';
import type { LayerInfo } from '../../ml/model/analyze';
import type { LayerSpec } from '../../ml/model/spec';
import { shapeText } from './layers';

const TEXT: TextTable<'aria' | 'input' | 'conv2d' | 'maxPool' | 'avgPool' | 'flatten' | 'dense' | 'dropout' | 'batchNorm' | 'activation'> = {
  zh: {
    aria: '特征图体积示意图：{shapes}', input: '输入', conv2d: '卷积', maxPool: '最大池化', avgPool: '平均池化', flatten: '展平', dense: '全连接',
    dropout: 'dropout', batchNorm: 'BN', activation: '激活',
  },
  en: {
    aria: 'Feature-map volumes: {shapes}', input: 'input', conv2d: 'conv', maxPool: 'max pool', avgPool: 'avg pool', flatten: 'flatten', dense: 'dense',
    dropout: 'dropout', batchNorm: 'BN', activation: 'act',
  },
};

const H = 150;
const CY = 66;
/** Pastel volumes with dark edges: readable on the light and the dark diagram background alike. */
const COLOURS: Record<string, [string, string, string]> = {
  input: ['#e4e7ec', '#d0d5dc', '#b9c0ca'],
  conv2d: ['#c9d6f4', '#a9bdee', '#87a2e3'],
  pool: ['#cfe9d6', '#acd9b8', '#88c49a'],
  vector: ['#f6dcc0', '#edc59b', '#e0ab73'],
};

interface Column {
  key: string;
  label: string;
  shape: number[] | null;
  colour: [string, string, string];
  marker: boolean;
  bad: boolean;
  width: number;
}

/** Face side for a spatial size and depth for a channel count: sqrt and log scales keep 1…512 readable. */
const faceOf = (h: number) => Math.min(76, 10 + 66 * Math.sqrt(h / 28));
const depthOf = (c: number) => Math.min(40, 3 + 5.5 * Math.log2(c + 1));
const barOf = (n: number) => Math.min(110, 8 + 9 * Math.log2(n + 1));

/**
 * CNN Explainer-style overview: every feature map drawn as a box whose face grows with its
 * height × width and whose depth grows with its channels; flat vectors are bars. Layers that
 * keep the shape (dropout, batch norm, activation) are small markers. Broken layers are red.
 */
export function VolumeDiagram(props: { inputShape: number[]; layers: LayerSpec[]; infos: LayerInfo[]; badLayers: Set<number> }) {
  const t = useText(TEXT);
  const cols: Column[] = [
    { key: 'in', label: t.input, shape: props.inputShape, colour: COLOURS.input, marker: false, bad: false, width: 0 },
    ...props.layers.map((l, i): Column => {
      const shape = props.infos[i]?.outputShape ?? null;
      const marker = l.type === 'dropout' || l.type === 'batchNorm' || l.type === 'activation';
      const colour = l.type === 'conv2d' ? COLOURS.conv2d : l.type === 'maxPool' || l.type === 'avgPool' ? COLOURS.pool : shape?.length === 1 ? COLOURS.vector : COLOURS.input;
      const label = l.type === 'conv2d' ? `${t.conv2d} ${l.filters}` : l.type === 'dense' ? `${t.dense} ${l.units}` : t[l.type];
      return { key: `l${i}`, label, shape, colour, marker, bad: props.badLayers.has(i) || !shape, width: 0 };
    }),
  ];
  for (const c of cols) {
    if (c.marker && !c.bad) c.width = 30;
    else if (!c.shape) c.width = 54;
    else if (c.shape.length === 3) c.width = Math.max(58, faceOf(c.shape[0]) + depthOf(c.shape[2]) * 0.6 + 8);
    else c.width = 58;
  }
  const gap = 10;
  const total = cols.reduce((a, c) => a + c.width, 0) + gap * (cols.length - 1) + 8;
  let x = 4;
  const shapes = cols.map((c) => shapeText(c.shape)).join(' → ');

  return (
    <div className="cnn-diagram">
      <svg width={total} height={H} viewBox={`0 0 ${total} ${H}`} role="img" aria-label={fmt(t.aria, { shapes })} data-testid="cnn-diagram">
        <line x1={8} x2={total - 8} y1={CY} y2={CY} style={{ stroke: 'var(--plot-frame)' }} strokeWidth={1.5} />
        {cols.map((c) => {
          const x0 = x;
          x += c.width + gap;
          const mid = x0 + c.width / 2;
          const caption = (
            <>
              <text x={mid} y={H - 22} textAnchor="middle" className={c.marker ? 'cnn-diagram-label is-small' : 'cnn-diagram-label'}>
                {c.label}
              </text>
              {c.marker && !c.bad ? null : (
              <text x={mid} y={H - 8} textAnchor="middle" className={c.bad ? 'cnn-diagram-shape is-bad' : 'cnn-diagram-shape'}>
                {shapeText(c.shape)}
              </text>
              )}
            </>
          );
          let body;
          if (c.bad && (!c.shape || !c.marker)) {
            body = (
              <g>
                <rect x={mid - 18} y={CY - 18} width={36} height={36} rx={4} style={{ fill: 'var(--bad-soft)', stroke: 'var(--bad)' }} strokeDasharray="4 3" strokeWidth={1.5} />
                <text x={mid} y={CY + 6} textAnchor="middle" className="cnn-diagram-bang">
                  !
                </text>
              </g>
            );
          } else if (c.marker) {
            body = <circle cx={mid} cy={CY} r={7} style={{ fill: 'var(--surface)', stroke: 'var(--series-grey)' }} strokeWidth={1.5} />;
          } else if (c.shape && c.shape.length === 3) {
            const f = faceOf(c.shape[0]);
            const fw = faceOf(c.shape[1]);
            const d = depthOf(c.shape[2]);
            const dx = d * 0.6;
            const dy = d * 0.45;
            const left = mid - (fw + dx) / 2;
            const top = CY - f / 2 + dy / 2;
            const [front, topC, side] = c.colour;
            body = (
              <g>
                <polygon points={`${left},${top} ${left + dx},${top - dy} ${left + dx + fw},${top - dy} ${left + fw},${top}`} fill={topC} stroke="#4e5864" strokeWidth={0.8} />
                <polygon points={`${left + fw},${top} ${left + fw + dx},${top - dy} ${left + fw + dx},${top - dy + f} ${left + fw},${top + f}`} fill={side} stroke="#4e5864" strokeWidth={0.8} />
                <rect x={left} y={top} width={fw} height={f} fill={front} stroke="#4e5864" strokeWidth={0.8} />
              </g>
            );
          } else if (c.shape) {
            const h = barOf(c.shape[0]);
            body = <rect x={mid - 6} y={CY - h / 2} width={12} height={h} fill={c.colour[0]} stroke="#4e5864" strokeWidth={0.8} />;
          }
          return (
            <g key={c.key}>
              <title>{`${c.label}: ${shapeText(c.shape)}`}</title>
              {body}
              {caption}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
