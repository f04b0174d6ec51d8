import { useStore } from '../state/store';
import { useText, type TextTable } from './i18n';

const TEXT: TextTable<'idle' | 'starting' | 'error' | 'label' | 'fastest' | 'chosen' | 'fallback' | 'cached'> = {
  zh: { idle: '引擎未启动', starting: '正在启动引擎…', error: '引擎出错', label: '计算后端', fastest: '实测最快', chosen: '手动选择', fallback: '自动回退', cached: '上次实测最快' },
  en: { idle: 'engine idle', starting: 'starting engine…', error: 'engine error', label: 'Compute backend', fastest: 'measured fastest', chosen: 'chosen by you', fallback: 'fallback', cached: 'fastest last time' },
};

/** Which tfjs backend trains, and why: shown in the top bar and in training panels. */
export function BackendBadge() {
  const t = useText(TEXT);
  const engine = useStore((s) => s.engine);
  let text: string = t[engine.status === 'ready' ? 'idle' : engine.status];
  if (engine.status === 'ready' && engine.backend) {
    const why = engine.reason && engine.reason in t ? t[engine.reason as 'fastest'] : '';
    text = `${engine.backend}${why ? ` · ${why}` : ''}`;
  }
  return (
    <span className={`backend-badge backend-${engine.status}`} title={t.label} data-testid="backend-badge" aria-label={`${t.label}: ${text}`}>
      {text}
    </span>
  );
}
