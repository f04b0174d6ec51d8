import { useText, type TextTable } from '../../app/i18n';
import type { RunStatus } from '../../state/slices/runs';

const TEXT: TextTable<'start' | 'pause' | 'resume' | 'stop' | 'again' | 'continue'> = {
  zh: { start: '开始训练', pause: '暂停', resume: '继续', stop: '停止', again: '重新训练', continue: '接着训练' },
  en: { start: 'Start training', pause: 'Pause', resume: 'Resume', stop: 'Stop', again: 'Train again', continue: 'Continue training' },
};

/** Start / pause / resume / stop (and continue from saved weights), enabled according to the run's status. */
export function TrainingControls(props: {
  status: RunStatus | null;
  canStart: boolean;
  onStart(): void;
  onPause(): void;
  onResume(): void;
  onStop(): void;
  /** Shown when the run stopped with weights saved: trains a new run from them. */
  onContinue?: () => void;
}) {
  const t = useText(TEXT);
  const active = props.status === 'loading' || props.status === 'running' || props.status === 'paused';
  return (
    <div className="controls">
      {!active ? (
        <button type="button" className="primary" disabled={!props.canStart} onClick={props.onStart} data-testid="train-start">
          {props.status ? t.again : t.start}
        </button>
      ) : null}
      {!active && props.onContinue ? (
        <button type="button" disabled={!props.canStart} onClick={props.onContinue} data-testid="train-continue">
          {t.continue}
        </button>
      ) : null}
      {props.status === 'running' ? (
        <button type="button" onClick={props.onPause} data-testid="train-pause">
          {t.pause}
        </button>
      ) : null}
      {props.status === 'paused' ? (
        <button type="button" onClick={props.onResume} data-testid="train-resume">
          {t.resume}
        </button>
      ) : null}
      {active ? (
        <button type="button" onClick={props.onStop} data-testid="train-stop">
          {t.stop}
        </button>
      ) : null}
    </div>
  );
}
