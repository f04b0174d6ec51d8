import { useRef, useState } from 'react';
import { fmt, useLang, useText, type TextTable } from '../../app/i18n';
import { deleteModel, labKV, type SavedModelMeta } from '../../state/runStorage';
import { ErrorBox } from '../../ui/ErrorBox';
import { PRESET_LABEL, presetOf } from '../mnist-architecture/archInfo';
import { ActionError, importFiles, activateSavedModel, type Bilingual } from './actions';

const TEXT: TextTable<'importTitle' | 'importHint' | 'choose' | 'importing' | 'imported' | 'importFailed' | 'savedTitle' | 'noneSaved' | 'use' | 'delete' | 'damaged' | 'valAcc' | 'loadFailed' | 'params'> = {
  zh: {
    importTitle: '导入 TensorFlow.js 模型',
    importHint: '同时选中 model.json 和它的 .bin 权重文件（例如从这里导出的文件）。模型的输入必须是 28×28×1，输出 10 类。',
    choose: '选择 model.json 和 .bin 文件',
    importing: '正在校验并载入…',
    imported: '已导入“{name}”，并设为当前模型。',
    importFailed: '无法导入这个模型',
    savedTitle: '保存在浏览器里的模型',
    noneSaved: '还没有保存的模型：在上表中点“存入浏览器”。',
    use: '设为当前模型',
    delete: '删除',
    damaged: '有 {n} 个保存的模型已损坏，已跳过。',
    valAcc: '验证准确率 {a}',
    loadFailed: '无法载入这个模型',
    params: '{n} 个参数',
  },
  en: {
    importTitle: 'Import a TensorFlow.js model',
    importHint: 'Choose model.json together with its .bin weights file (for example files exported here). The model must take 28×28×1 images and output 10 classes.',
    choose: 'Choose model.json and .bin files',
    importing: 'Checking and loading…',
    imported: 'Imported “{name}” and made it the active model.',
    importFailed: 'This model cannot be imported',
    savedTitle: 'Models saved in this browser',
    noneSaved: 'No saved models yet: use “Save in browser” in the table above.',
    use: 'Use as active model',
    delete: 'Delete',
    damaged: '{n} saved models were damaged and skipped.',
    valAcc: 'validation accuracy {a}',
    loadFailed: 'This model could not be loaded',
    params: '{n} parameters',
  },
};

const message = (e: unknown, lang: 'en' | 'zh'): string => (e instanceof ActionError ? e.text[lang] : e instanceof Error ? e.message : String(e));

/** Import from files, and the models saved in this browser. */
export function ModelFiles(props: { models: SavedModelMeta[]; corrupt: number; onChanged(): void }) {
  const t = useText(TEXT);
  const presets = useText(PRESET_LABEL);
  const lang = useLang();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ kind: 'busy' } | { kind: 'ok'; name: string } | { kind: 'error'; title: string; text: Bilingual | string } | null>(null);

  const onFiles = async (files: File[]) => {
    if (!files.length) return;
    setStatus({ kind: 'busy' });
    try {
      const json = files.find((f) => /\.json$/i.test(f.name));
      await importFiles(files);
      setStatus({ kind: 'ok', name: json?.name ?? '' });
    } catch (e) {
      setStatus({ kind: 'error', title: t.importFailed, text: e instanceof ActionError ? e.text : message(e, lang) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const use = async (id: string) => {
    setStatus({ kind: 'busy' });
    try {
      await activateSavedModel(id);
      setStatus(null);
    } catch (e) {
      setStatus({ kind: 'error', title: t.loadFailed, text: e instanceof ActionError ? e.text : message(e, lang) });
    }
  };
  const remove = async (id: string) => {
    await deleteModel(labKV(), id).catch(() => undefined);
    props.onChanged();
  };

  return (
    <div className="runs-files">
      <section className="runs-box" aria-labelledby="runs-import-title">
        <h4 id="runs-import-title">{t.importTitle}</h4>
        <p className="muted runs-hint">{t.importHint}</p>
        <label className="runs-file">
          <span className="button">{t.choose}</span>
          <input
            ref={input}
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            onChange={(e) => void onFiles(Array.from(e.target.files ?? []))}
            data-testid="model-import"
          />
        </label>
        <div aria-live="polite">
          {status?.kind === 'busy' ? <p className="muted">{t.importing}</p> : null}
          {status?.kind === 'ok' ? (
            <p className="runs-ok" data-testid="import-ok">
              ✓ {fmt(t.imported, { name: status.name })}
            </p>
          ) : null}
          {status?.kind === 'error' ? (
            <div data-testid="import-error">
              <ErrorBox title={status.title} detail={typeof status.text === 'string' ? status.text : status.text[lang]} />
            </div>
          ) : null}
        </div>
      </section>
      <section className="runs-box" aria-labelledby="runs-saved-title">
        <h4 id="runs-saved-title">{t.savedTitle}</h4>
        {props.corrupt ? <p className="runs-warn">{fmt(t.damaged, { n: props.corrupt })}</p> : null}
        {props.models.length === 0 ? <p className="muted runs-hint">{t.noneSaved}</p> : null}
        <ul className="runs-saved" data-testid="saved-models">
          {props.models.map((m) => (
            <li key={m.id} data-testid="saved-model">
              <div>
                <strong>{m.name}</strong>
                <span className="muted">
                  {' '}
                  · {presets[presetOf(m.spec)]} · {fmt(t.params, { n: m.params.toLocaleString('en-US') })}
                  {m.valAcc != null ? ` · ${fmt(t.valAcc, { a: `${(m.valAcc * 100).toFixed(2)}%` })}` : ''} · {new Date(m.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}
                </span>
              </div>
              <div className="runs-saved-actions">
                <button type="button" className="runs-mini" onClick={() => void use(m.id)} data-testid="saved-use">
                  {t.use}
                </button>
                <button type="button" className="runs-mini" onClick={() => void remove(m.id)}>
                  {t.delete}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
