import { useStore } from '../state/store';
import { useText, type TextTable } from './i18n';

type Code = 'storageCorrupted' | 'backendChanged' | 'worker.data' | 'worker.backend' | 'worker.invalid-spec' | 'worker.invalid-config' | 'worker.training' | 'worker.unknown-run' | 'worker.internal' | 'runsCorrupted' | 'runsSaveFailed' | 'dismiss';

const TEXT: TextTable<Code> = {
  zh: {
    storageCorrupted: '保存的设置已损坏，已恢复为默认值（旧数据另存了一份）。',
    backendChanged: '计算后端出错，已自动切换，训练从上次的权重继续：',
    'worker.data': '数据加载失败：',
    'worker.backend': '计算后端无法启动：',
    'worker.invalid-spec': '网络结构无效：',
    'worker.invalid-config': '训练参数无效：',
    'worker.training': '训练出错：',
    'worker.unknown-run': '找不到这次训练：',
    'worker.internal': '训练引擎出错：',
    runsCorrupted: '部分保存的训练记录已损坏，已跳过，其余已恢复。损坏条数：',
    runsSaveFailed: '训练记录无法保存到浏览器（存储已满或处于隐私模式），刷新页面后会丢失：',
    dismiss: '关闭',
  },
  en: {
    storageCorrupted: 'Your saved settings were damaged and have been reset (a copy of the old data was kept).',
    backendChanged: 'The compute backend failed; switched automatically and training continues from the last weights:',
    'worker.data': 'Could not load the data:',
    'worker.backend': 'The compute backend could not start:',
    'worker.invalid-spec': 'Invalid network:',
    'worker.invalid-config': 'Invalid training settings:',
    'worker.training': 'Training failed:',
    'worker.unknown-run': 'Unknown training run:',
    'worker.internal': 'The training engine failed:',
    runsCorrupted: 'Some saved training runs were damaged and skipped; the others were restored. Damaged entries:',
    runsSaveFailed: 'Training runs cannot be saved in this browser (storage full or private mode) and will be lost on reload:',
    dismiss: 'Dismiss',
  },
};

export function Notices() {
  const t = useText(TEXT);
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (!notices.length) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} data-testid="notice">
          <span>
            {n.code in t ? t[n.code as Code] : n.code} {n.detail}
          </span>
          <button type="button" onClick={() => dismiss(n.id)} aria-label={t.dismiss}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
