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
  'mnist-trainer': {
    title: t('训练一个 MNIST 卷积网络', 'Train an MNIST CNN'),
    load: () => import('./mnist-trainer/MnistTrainerPanel'),
  },
  'conv-explorer': {
    title: t('卷积探索器：卷积核在数字上滑动', 'Convolution explorer: a kernel sliding over a digit'),
    load: () => import('./conv-explorer/ConvExplorerPanel'),
  },
} satisfies Record<string, PanelDef>;

export type PanelId = keyof typeof PANELS;

export function getPanel(id: string): PanelDef | undefined {
  return Object.prototype.hasOwnProperty.call(PANELS, id) ? (PANELS as Record<string, PanelDef>)[id] : undefined;
}

export const PANEL_IDS = Object.keys(PANELS) as PanelId[];
