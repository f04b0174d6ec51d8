/**
 * Every live panel, registered by id. Markdown refers to panels by these ids
 * (`::panel{id="…"}`), embeds load them by id, and a test checks that every id used in
 * content/ is here. Components load lazily so a chapter only downloads its own panels.
 */
import type { ComponentType } from 'react';
import type { TextTable } from '../app/i18n';

/** Initial settings from the directive's attributes or the embed URL: strings, parsed by each panel. */
export interface PanelProps {
  settings: Record<string, string>;
}

export interface PanelDef {
  title: TextTable<'title'>;
  load: () => Promise<{ default: ComponentType<PanelProps> }>;
}

const t = (zh: string, en: string): TextTable<'title'> => ({ zh: { title: zh }, en: { title: en } });

export const PANELS = {
  'mnist-explorer': {
    title: t('MNIST 数据浏览器：按类别看真实的训练图像', 'MNIST explorer: real training digits, class by class'),
    load: () => import('./mnist-explorer/MnistExplorerPanel'),
  },
  'mnist-architecture': {
    title: t('网络结构：选一个起点，再动手修改', 'The architecture: pick a starting point, then edit it'),
    load: () => import('./mnist-architecture/MnistArchitecturePanel'),
  },
  'mnist-trainer': {
    title: t('训练一个 MNIST 卷积网络', 'Train an MNIST CNN'),
    load: () => import('./mnist-trainer/MnistTrainerPanel'),
  },
  'mnist-runs': {
    title: t('比较训练运行、保存与导出模型', 'Compare runs, save and export models'),
    load: () => import('./mnist-runs/MnistRunsPanel'),
  },
  'mnist-eval': {
    title: t('评估：混淆矩阵与错例', 'Evaluation: the confusion matrix and the mistakes'),
    load: () => import('./mnist-eval/MnistEvalPanel'),
  },
  'mnist-inside': {
    title: t('网络内部：滤波器与激活图', 'Inside the network: filters and activation maps'),
    load: () => import('./mnist-inside/MnistInsidePanel'),
  },
  'mnist-draw': {
    title: t('手写一个数字，看网络怎么认', 'Draw a digit and see what the network reads'),
    load: () => import('./mnist-draw/MnistDrawPanel'),
  },
  perceptron: {
    title: t('感知机：一步一步学出决策边界', 'The perceptron: learning a decision boundary step by step'),
    load: () => import('./perceptron/PerceptronPanel'),
  },
  activations: {
    title: t('激活函数、导数与带温度的 softmax', 'Activation functions, their derivatives, and softmax with temperature'),
    load: () => import('./activations/ActivationsPanel'),
  },
  'mlp-forward': {
    title: t('MLP 前向传播：每一个数都看得见', 'MLP forward pass: every number visible'),
    load: () => import('./mlp-forward/MlpForwardPanel'),
  },
  'loss-explorer': {
    title: t('损失函数探索器', 'Loss function explorer'),
    load: () => import('./loss-explorer/LossExplorerPanel'),
  },
  'optimizer-race': {
    title: t('优化器赛跑：同一起点，谁先到谷底', 'Optimizer race: same start, who reaches the bottom first'),
    load: () => import('./optimizer-race/OptimizerRacePanel'),
  },
  'lr-schedules': {
    title: t('学习率调度：曲线与效果', 'Learning-rate schedules: the curves and their effect'),
    load: () => import('./lr-schedules/LrSchedulesPanel'),
  },
  'backprop-graph': {
    title: t('计算图上的反向传播：逐个节点', 'Backpropagation on a computational graph, node by node'),
    load: () => import('./backprop-graph/BackpropGraphPanel'),
  },
  'gradient-flow': {
    title: t('深层网络中的梯度流动：消失与健康', 'Gradient flow in a deep network: vanishing or healthy'),
    load: () => import('./gradient-flow/GradientFlowPanel'),
  },
  'conv-explorer': {
    title: t('卷积探索器：卷积核在数字上滑动', 'Convolution explorer: a kernel sliding over a digit'),
    load: () => import('./conv-explorer/ConvExplorerPanel'),
  },
  'cnn-builder': {
    title: t('CNN 搭建器：逐层推算形状与参数量', 'CNN builder: shapes and parameter counts, layer by layer'),
    load: () => import('./cnn-builder/CnnBuilderPanel'),
  },
} satisfies Record<string, PanelDef>;

export type PanelId = keyof typeof PANELS;

export function getPanel(id: string): PanelDef | undefined {
  return Object.prototype.hasOwnProperty.call(PANELS, id) ? (PANELS as Record<string, PanelDef>)[id] : undefined;
}

export const PANEL_IDS = Object.keys(PANELS) as PanelId[];
