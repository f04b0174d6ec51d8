/**
 * What readers see for option ids in selects: words in their language, never `sgd`, `cosine`
 * or `leakyRelu`. Shared by every panel that offers these choices.
 */
import type { Lang } from '../state/slices/settings';

type Labels<K extends string> = Record<Lang, Record<K, string>>;

export const OPTIMIZER_LABEL: Labels<'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam'> = {
  // Short enough for a narrow select; the methods' own names where textbooks use them.
  zh: { sgd: '随机梯度下降', momentum: '动量法', adagrad: 'Adagrad', rmsprop: 'RMSprop', adam: 'Adam' },
  en: { sgd: 'Plain SGD', momentum: 'SGD + momentum', adagrad: 'Adagrad', rmsprop: 'RMSprop', adam: 'Adam' },
};

export const SCHEDULE_LABEL: Labels<'constant' | 'step' | 'exponential' | 'cosine' | 'cyclical'> = {
  zh: { constant: '固定不变', step: '阶梯衰减', exponential: '指数衰减', cosine: '余弦退火', cyclical: '三角循环' },
  en: { constant: 'Constant', step: 'Step decay', exponential: 'Exponential decay', cosine: 'Cosine annealing', cyclical: 'Triangular cycle' },
};

export const ACTIVATION_LABEL: Labels<'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu' | 'leakyRelu'> = {
  zh: { linear: '线性（无）', relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'tanh 双曲正切', softmax: 'Softmax', elu: 'ELU', leakyRelu: 'Leaky ReLU' },
  en: { linear: 'Linear (none)', relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'tanh', softmax: 'Softmax', elu: 'ELU', leakyRelu: 'Leaky ReLU' },
};

export const PADDING_LABEL: Labels<'valid' | 'same'> = {
  zh: { valid: '不填充（valid）', same: '补零（same）' },
  en: { valid: 'None (valid)', same: 'Zero padding (same)' },
};

/** The label of `id`, or the id itself when the table has none (a new option not yet worded). */
export function optionLabel(table: Record<Lang, Record<string, string>>, lang: Lang, id: string): string {
  return table[lang][id] ?? id;
}

/**
 * Field labels plus option labels in the `key.option` form that settings errors use:
 * withOptions(text, { optimizer: OPTIMIZER_LABEL }) → { zh: { lr: '学习率', 'optimizer.sgd': '随机梯度下降（SGD）', … }, en: … }.
 */
export function withOptions(
  fields: Record<Lang, Record<string, string>>,
  options: Record<string, Record<Lang, Record<string, string>>>,
): Record<Lang, Record<string, string>> {
  const out = { zh: { ...fields.zh }, en: { ...fields.en } };
  for (const [key, table] of Object.entries(options)) {
    for (const lang of ['zh', 'en'] as const) for (const [id, label] of Object.entries(table[lang])) out[lang][`${key}.${id}`] = label;
  }
  return out;
}
