import { useMemo, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { MathTex } from '../../content/MathTex';
import type { Value } from '../../ml/teach/autodiff';
import { NumberField } from '../../ui/NumberField';
import { backwardTex, forwardTex, texNum } from './formulas';
import { GradCheck } from './GradCheck';
import { GraphSvg, sig3, type Step } from './GraphSvg';
import { GRAPHS, GRAPH_IDS, buildGraph, defaultValues, type GraphId, type LeafKind } from './graphs';
import type { PanelProps } from '../registry';
import { parseSettingsTable } from '../settings';
import { BACKPROP_SETTINGS } from './settings';
import { SettingsErrors } from '../SettingsErrors';
import './backprop-graph.css';

type K =
  | 'invalid' | 'graph' | GraphId | 'forward' | 'backward' | 'all' | 'reset' | 'aria' | 'was' | 'start' | 'fwdStep' | 'bwdStep' | 'done'
  | 'input' | 'param' | 'target' | 'values' | 'ruleAdd' | 'ruleMul' | 'ruleFan' | 'ruleLocal' | 'ruleRoot' | 'gd' | 'lr' | 'applied' | 'legend' | 'changed';

const TEXT: TextTable<K> = {
  zh: {
    invalid: '面板设置无效，已使用默认值', graph: '计算图', linear: '本章例子 L = (wx + b − y)²', neuron: 'sigmoid 神经元（2 个输入）', mlp: '2-2-1 小网络',
    forward: '前向一步 ▶', backward: '◀ 反向一步', all: '全部算完', reset: '重置', aria: '计算图：每个节点显示名称、前向值和梯度 ∂L/∂节点', was: '修改前',
    start: '按“前向一步”，从输入出发逐个节点计算数值；前向算完后再按“反向一步”，从 L 出发逐个节点计算梯度。',
    fwdStep: '前向第 {i} / {n} 步', bwdStep: '反向第 {i} / {n} 步', done: '前向和反向都算完了。改一个数值，先预测哪些梯度会变，再重新逐步计算验证。',
    input: '输入', param: '参数', target: '目标', values: '数值（可编辑）',
    ruleAdd: '加法节点是“分配器”：上游梯度原样传给每个输入。', ruleMul: '乘法节点是“交换器”：一个输入的梯度 = 上游梯度 × 另一个输入的值。',
    ruleFan: '扇出：这个值被用了不止一次，各条路径传回的梯度相加。', ruleLocal: '局部导数 × 上游梯度。', ruleRoot: '起点：∂L/∂L = 1。',
    gd: '走一步梯度下降', lr: '学习率 η', applied: '已更新：', legend: '每个节点：第二行是前向值，第三行是梯度 ∂L/∂(该节点)。', changed: '橙色圆点：修改数值后发生变化的节点（鼠标悬停可看旧值）。',
  },
  en: {
    invalid: 'Invalid panel settings; using defaults', graph: 'Graph', linear: 'Chapter example L = (wx + b − y)²', neuron: 'Sigmoid neuron (2 inputs)', mlp: '2-2-1 network',
    forward: 'Forward step ▶', backward: '◀ Backward step', all: 'Run all', reset: 'Reset', aria: 'Computational graph: each node shows its name, forward value and gradient ∂L/∂node', was: 'before the edit',
    start: 'Press Forward step to compute values node by node from the inputs; once the forward pass is done, Backward step computes gradients node by node starting from L.',
    fwdStep: 'Forward step {i} of {n}', bwdStep: 'Backward step {i} of {n}', done: 'Forward and backward passes are complete. Change a number, predict which gradients will change, then step through again to check.',
    input: 'inputs', param: 'parameters', target: 'target', values: 'Values (editable)',
    ruleAdd: 'An addition node is a distributor: it passes the upstream gradient unchanged to every input.', ruleMul: 'A multiplication node is a swapper: one input’s gradient is the upstream gradient times the other input’s value.',
    ruleFan: 'Fan-out: this value is used more than once, so the gradients from the paths add up.', ruleLocal: 'Local derivative × upstream gradient.', ruleRoot: 'The start: ∂L/∂L = 1.',
    gd: 'Take one gradient-descent step', lr: 'Learning rate η', applied: 'Updated:', legend: 'Each node: the second line is its forward value, the third its gradient ∂L/∂(node).', changed: 'Orange dot: changed since your last edit (hover for the old value).',
  },
};

type Snapshot = Map<string, { value: number; grad: number }>;
const snapshot = (order: Value[]): Snapshot => new Map(order.map((v) => [v.label, { value: v.data, grad: v.grad }]));
const KINDS: LeafKind[] = ['input', 'param', 'target'];

export default function BackpropGraphPanel({ settings }: PanelProps) {
  const t = useText(TEXT);
  const lang = useLang();
  const parsed = useMemo(() => parseSettingsTable(BACKPROP_SETTINGS, settings), [settings]);
  const [graphId, setGraphId] = useState<GraphId>(parsed.values.graph as GraphId);
  const spec = GRAPHS[graphId];
  const [values, setValues] = useState<Record<string, number>>(() => defaultValues(spec));
  const [fwd, setFwd] = useState(0);
  const [bwd, setBwd] = useState(0);
  const [prev, setPrev] = useState<Snapshot | null>(null);
  const [lr, setLr] = useState(parsed.values.lr);
  const [applied, setApplied] = useState<string | null>(null);
  const g = useMemo(() => buildGraph(spec, values), [spec, values]);
  const texOf = (v: Value) => spec.nodes[v.label]?.tex ?? v.label;

  const nF = g.forward.length;
  const nB = g.backward.length;
  const step: Step | null = bwd > 0 ? { mode: 'bwd', node: g.backward[bwd - 1] } : fwd > 0 ? { mode: 'fwd', node: g.forward[fwd - 1] } : null;
  const fwdShown = new Set(g.forward.slice(0, fwd));
  const bwdShown = new Set(g.backward.slice(0, bwd));

  const chooseGraph = (id: GraphId) => {
    setGraphId(id);
    setValues(defaultValues(GRAPHS[id]));
    setFwd(0);
    setBwd(0);
    setPrev(null);
    setApplied(null);
  };
  // After an edit the passes start over; the old numbers are kept to flag what changed.
  const edit = (next: Record<string, number>, note: string | null = null) => {
    if (fwd > 0 || !prev) setPrev(snapshot(g.order));
    setApplied(note);
    setValues(next);
    setFwd(0);
    setBwd(0);
  };
  const gdStep = () => {
    const next = { ...values };
    const parts: string[] = [];
    for (const l of spec.leaves.filter((x) => x.kind === 'param')) {
      const grad = g.byKey.get(l.key)?.grad ?? 0;
      next[l.key] = Number((values[l.key] - lr * grad).toPrecision(12));
      parts.push(`${spec.nodes[l.key].tex} \\leftarrow ${texNum(values[l.key])} - ${texNum(lr)} \\cdot ${grad < 0 ? `(${texNum(grad)})` : texNum(grad)} = ${texNum(next[l.key])}`);
    }
    edit(next, parts.join(',\\quad '));
  };

  let rule = '';
  if (step?.mode === 'bwd') {
    const users = g.users.get(step.node) ?? [];
    rule = step.node === g.root ? t.ruleRoot : users.length > 1 ? t.ruleFan : users[0]?.op === 'add' ? t.ruleAdd : users[0]?.op === 'mul' ? t.ruleMul : t.ruleLocal;
  }
  const tex = step ? (step.mode === 'fwd' ? forwardTex(step.node, texOf) : backwardTex(step.node, g.users.get(step.node) ?? [], g.root, texOf)) : null;

  return (
    <div className="bp">
      <SettingsErrors title={t.invalid} errors={parsed.errors} lang={lang} />
      <fieldset className="bp-choose">
        <legend>{t.graph}</legend>
        {GRAPH_IDS.map((id) => (
          <button key={id} type="button" aria-pressed={id === graphId} onClick={() => chooseGraph(id)} data-testid={`bp-graph-${id}`}>
            {t[id]}
          </button>
        ))}
      </fieldset>
      <div className="bp-figure">
        <GraphSvg spec={spec} graph={g} valueShown={(v) => v.op === 'leaf' || fwdShown.has(v)} gradShown={(v) => bwdShown.has(v)} step={step} prev={prev} ariaLabel={t.aria} wasLabel={t.was} />
      </div>
      <p className="muted bp-legend">
        {t.legend} {prev ? t.changed : null}
      </p>
      <div className="controls bp-controls">
        <button type="button" className="primary" disabled={fwd >= nF} onClick={() => setFwd(fwd + 1)} data-testid="bp-forward">
          {t.forward}
        </button>
        <button type="button" className="primary" disabled={fwd < nF || bwd >= nB} onClick={() => setBwd(bwd + 1)} data-testid="bp-backward">
          {t.backward}
        </button>
        <button
          type="button"
          onClick={() => {
            setFwd(nF);
            setBwd(nB);
          }}
          data-testid="bp-all"
        >
          {t.all}
        </button>
        <button
          type="button"
          onClick={() => {
            setFwd(0);
            setBwd(0);
          }}
        >
          {t.reset}
        </button>
      </div>
      <div className="bp-step" aria-live="polite" data-testid="bp-formula" data-step={step ? `${step.mode}-${step.node.label}` : 'none'}>
        {step ? (
          <>
            <p className="bp-step-title">
              {step.mode === 'fwd' ? fmt(t.fwdStep, { i: fwd, n: nF }) : fmt(t.bwdStep, { i: bwd, n: nB })}
              {rule ? <span className="bp-rule"> — {rule}</span> : null}
            </p>
            <MathTex tex={tex ?? ''} display />
            {bwd === nB ? <p className="bp-done">{t.done}</p> : null}
          </>
        ) : (
          <p className="bp-step-title">{t.start}</p>
        )}
      </div>
      <fieldset className="bp-values">
        <legend>{t.values}</legend>
        {KINDS.map((kind) => (
          <div key={kind} className={`bp-values-group bp-kind-${kind}`}>
            <span className="bp-kind">{t[kind]}</span>
            {spec.leaves
              .filter((l) => l.kind === kind)
              .map((l) => (
                <label key={l.key} className="bp-value">
                  <span>{spec.nodes[l.key].text}</span>
                  <NumberField value={values[l.key]} min={-100} max={100} step={0.1} label={spec.nodes[l.key].text} onChange={(x) => edit({ ...values, [l.key]: x })} testId={`bp-value-${l.key}`} />
                </label>
              ))}
          </div>
        ))}
      </fieldset>
      <div className="controls bp-gd">
        <label className="bp-value">
          <span>{t.lr}</span>
          <NumberField value={lr} min={0.0001} max={10} step={0.01} label={t.lr} onChange={setLr} testId="bp-lr" />
        </label>
        <button type="button" disabled={bwd < nB} onClick={gdStep} data-testid="bp-gd">
          {t.gd}
        </button>
        {fwd === nF ? <span className="muted">L = {sig3(g.root.data)}</span> : null}
      </div>
      {applied ? (
        <div className="bp-applied">
          <span className="muted">{t.applied}</span> <MathTex tex={applied} display={false} />
        </div>
      ) : null}
      <GradCheck spec={spec} values={values} initialH={parsed.values.h} />
    </div>
  );
}
