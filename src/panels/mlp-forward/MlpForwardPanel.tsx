import { useId, useMemo, useState } from 'react';
import { useLang, useText, type TextTable } from '../../app/i18n';
import { CHAPTER_EXAMPLE, addVec, cloneParams, forward, matMul, matVec, randomParams, type HiddenActivation, type MlpParams } from '../../ml/teach/mlp';
import { fixed, paren, short } from '../../ui/formatNumber';
import { Slider } from '../../ui/Slider';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { MatrixView, col } from './MatrixView';
import { MlpGraph, type EdgeRef } from './MlpGraph';
import { MLP_FORWARD_SETTINGS } from './settings';
import { SettingsErrors } from '../SettingsErrors';
import './mlp-forward.css';

type K = 'invalid' | 'act' | 'linear' | 'example' | 'random' | 'graph' | 'units' | 'matrix' | 'hidden' | 'output' | 'edgeHint' | 'exampleNote' | 'collapse' | 'w' | 'b';

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', act: '隐藏层激活函数', linear: '线性（恒等）', example: '恢复本章的例子', random: '随机权重',
    graph: '2 个输入 → 3 个隐藏单元 → 2 个输出的 MLP，每条边标出权重，每个节点标出它的值', units: '逐个单元计算', matrix: '矩阵形式（可直接编辑权重和偏置）',
    hidden: '隐藏层', output: '输出层', edgeHint: '点击图中的一条边，可跳到对应的权重输入框；所有权重和偏置都可以在下面的矩阵里修改。',
    exampleNote: '默认参数就是本章手算的例子：隐藏单元 1、2 和输出 1 用的是正文里的权重，输出 2 全为 0，所以 ŷ₁ = softmax((z, 0))₁ = σ(z) = σ(1) ≈ 0.731。',
    collapse: '激活函数是线性的，两层塌缩成一层：W′ = W₂W₁，b′ = W₂b₁ + b₂，输出 = softmax(W′x + b′)。', w: '权重', b: '偏置',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', act: 'Hidden activation', linear: 'linear (identity)', example: "Restore the chapter's example", random: 'Random weights',
    graph: 'An MLP with 2 inputs, 3 hidden units and 2 outputs; every edge shows its weight and every node its values', units: 'Unit by unit', matrix: 'Matrix form (edit the weights and biases here)',
    hidden: 'Hidden layer', output: 'Output layer', edgeHint: 'Click an edge in the graph to jump to its weight; every weight and bias can be edited in the matrices below.',
    exampleNote: "The default parameters are the chapter's worked example: hidden units 1 and 2 and output 1 use its weights and output 2 is all zeros, so ŷ₁ = softmax((z, 0))₁ = σ(z) = σ(1) ≈ 0.731.",
    collapse: 'The activation is linear, so the two layers collapse into one: W′ = W₂W₁, b′ = W₂b₁ + b₂, output = softmax(W′x + b′).', w: 'weight', b: 'bias',
  },
};

const ACT_LABEL: Record<HiddenActivation, string> = { relu: 'ReLU', sigmoid: 'σ', tanh: 'tanh', 'leaky-relu': 'LeakyReLU', elu: 'ELU', linear: 'id' };
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]);

/** Settings seed the panel's state; new settings (an edited directive) start it afresh. */
export default function MlpForwardPanel({ settings }: PanelProps) {
  return <MlpForwardPanelBody key={JSON.stringify(settings)} settings={settings} />;
}

function MlpForwardPanelBody({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const uid = useId();
  const parsed = useMemo(() => parseSettingsTable(MLP_FORWARD_SETTINGS, settings), [settings]);
  const v = parsed.values;
  const [params, setParams] = useState<MlpParams>(() => (v.seed > 0 ? randomParams(v.seed) : cloneParams(CHAPTER_EXAMPLE.params)));
  const [x, setX] = useState<number[]>([v.x1, v.x2]);
  const [act, setAct] = useState<HiddenActivation>(v.activation as HiddenActivation);
  const [seed, setSeed] = useState(Math.max(1, v.seed));

  const tr = forward(params, x, act);
  const f = ACT_LABEL[act];
  const isExample = JSON.stringify(params) === JSON.stringify(CHAPTER_EXAMPLE.params);

  const edit = (which: keyof MlpParams, row: number, c: number, nv: number) => {
    const p = cloneParams(params);
    if (which === 'W1' || which === 'W2') p[which][row][c] = nv;
    else p[which][row] = nv;
    setParams(p);
  };
  const focusEdge = (e: EdgeRef) => {
    document.getElementById(`${uid}-W${e.layer}-${e.row}-${e.col}`)?.querySelector('input')?.focus();
  };
  const entry = (name: string) => (i: number, j: number) => `${name}[${i + 1},${j + 1}]`;

  return (
    <div className="mlp-forward">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <div className="mlp-controls">
        <Slider label="x₁" value={x[0]} min={-5} max={5} step={0.1} format={(u) => fixed(u, 2)} onChange={(u) => setX([u, x[1]])} testId="mlp-x1" />
        <Slider label="x₂" value={x[1]} min={-5} max={5} step={0.1} format={(u) => fixed(u, 2)} onChange={(u) => setX([x[0], u])} testId="mlp-x2" />
        <label className="mlp-select">
          <span>{t.act}</span>
          <select value={act} onChange={(e) => setAct(e.target.value as HiddenActivation)} data-testid="mlp-activation">
            {(['relu', 'sigmoid', 'tanh', 'leaky-relu', 'elu', 'linear'] as const).map((a) => (
              <option key={a} value={a}>
                {a === 'linear' ? t.linear : a === 'sigmoid' ? 'sigmoid σ' : ACT_LABEL[a]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="controls">
        <button type="button" onClick={() => { setParams(cloneParams(CHAPTER_EXAMPLE.params)); setX([...CHAPTER_EXAMPLE.x]); setAct(CHAPTER_EXAMPLE.act); }}>
          {t.example}
        </button>
        <button type="button" onClick={() => { setParams(randomParams(seed)); setSeed(seed + 1); }}>
          {t.random}
        </button>
      </div>
      <MlpGraph params={params} trace={tr} actName={f} ariaLabel={t.graph} onEdge={focusEdge} />
      <p className="muted mlp-hint">{t.edgeHint}</p>
      <p className="mlp-yhat" data-testid="mlp-yhat" aria-live="polite">
        ŷ = softmax(z⁽²⁾) = ({tr.yhat.map((q) => fixed(q, 3)).join(', ')})
      </p>
      {isExample && act === 'relu' ? <p className="mlp-note">{t.exampleNote}</p> : null}

      <h4>{t.units}</h4>
      <div className="mlp-units">
        <div>
          <div className="mlp-units-title">{t.hidden}</div>
          {tr.z1.map((z, i) => (
            <div key={i} className="mlp-formula" data-testid={`mlp-hidden-${i + 1}`}>
              z{sub(i + 1)} = {params.W1[i].map((w, j) => `${paren(w, 2)}·${paren(x[j], 2)}`).join(' + ')} + {paren(params.b1[i], 2)} = <b>{fixed(z, 3)}</b>
              <span className="mlp-sep">→</span> a{sub(i + 1)} = {f}({fixed(z, 3)}) = <b>{fixed(tr.a1[i], 3)}</b>
            </div>
          ))}
        </div>
        <div>
          <div className="mlp-units-title">{t.output}</div>
          {tr.z2.map((z, k) => (
            <div key={k} className="mlp-formula">
              z{sub(k + 1)}⁽²⁾ = {params.W2[k].map((w, i) => `${paren(w, 2)}·${paren(tr.a1[i], 3)}`).join(' + ')} + {paren(params.b2[k], 2)} = <b>{fixed(z, 3)}</b>
              <span className="mlp-sep">→</span> ŷ{sub(k + 1)} = e<sup>{short(z, 2)}</sup> / Σ<sub>j</sub> e<sup>z<sub>j</sub></sup> = <b>{fixed(tr.yhat[k], 3)}</b>
            </div>
          ))}
        </div>
      </div>

      <h4>{t.matrix}</h4>
      <div className="mlp-eq" aria-label={`h = ${f}(W₁x + b₁)`}>
        <span className="mlp-eq-sym">h = {f}(</span>
        <MatrixView name="W₁" values={params.W1} onEdit={(i, j, nv) => edit('W1', i, j, nv)} idPrefix={`${uid}-W1`} entryLabel={entry(`W₁ ${t.w}`)} />
        <MatrixView name="x" values={col(x)} />
        <span className="mlp-eq-sym">+</span>
        <MatrixView name="b₁" values={col(params.b1)} onEdit={(i, _j, nv) => edit('b1', i, 0, nv)} entryLabel={(i) => `b₁ ${t.b} ${i + 1}`} />
        <span className="mlp-eq-sym">) = {f}(</span>
        <MatrixView name="z⁽¹⁾" values={col(tr.z1)} />
        <span className="mlp-eq-sym">) =</span>
        <MatrixView name="h" values={col(tr.a1)} highlight />
      </div>
      <div className="mlp-eq" aria-label="ŷ = softmax(W₂h + b₂)">
        <span className="mlp-eq-sym">ŷ = softmax(</span>
        <MatrixView name="W₂" values={params.W2} onEdit={(i, j, nv) => edit('W2', i, j, nv)} idPrefix={`${uid}-W2`} entryLabel={entry(`W₂ ${t.w}`)} />
        <MatrixView name="h" values={col(tr.a1)} />
        <span className="mlp-eq-sym">+</span>
        <MatrixView name="b₂" values={col(params.b2)} onEdit={(i, _j, nv) => edit('b2', i, 0, nv)} entryLabel={(i) => `b₂ ${t.b} ${i + 1}`} />
        <span className="mlp-eq-sym">) = softmax(</span>
        <MatrixView name="z⁽²⁾" values={col(tr.z2)} />
        <span className="mlp-eq-sym">) =</span>
        <MatrixView name="ŷ" values={col(tr.yhat)} digits={3} highlight />
      </div>
      {act === 'linear' ? (
        <div className="mlp-collapse">
          <p>{t.collapse}</p>
          <div className="mlp-eq">
            <MatrixView name="W′ = W₂W₁" values={matMul(params.W2, params.W1)} digits={3} />
            <MatrixView name="b′" values={col(addVec(matVec(params.W2, params.b1), params.b2))} digits={3} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
