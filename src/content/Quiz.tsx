import { Children, isValidElement, useId, useState, type ReactElement, type ReactNode } from 'react';
import { useText, type TextTable } from '../app/i18n';
import { useStore } from '../state/store';
import { ErrorBox } from '../ui/ErrorBox';

const TEXT: TextTable<'check' | 'right' | 'wrong' | 'bad' | 'label' | 'retry' | 'choose' | 'option'> = {
  zh: { check: '检查答案', right: '回答正确！', wrong: '还不对，再想想。', bad: '自测题格式有误', label: '自测题', retry: '再试一次', choose: '请先选择一个选项', option: '选项' },
  en: { check: 'Check answer', right: 'Correct!', wrong: 'Not quite — think again.', bad: 'This self-check question is malformed', label: 'Self-check', retry: 'Try again', choose: 'Choose an option first', option: 'Option' },
};

export function Explain({ children }: { children?: ReactNode }) {
  return <div className="quiz-explain">{children}</div>;
}

type El = ReactElement<{ children?: ReactNode }>;

/** Splits the rendered quiz body into question, options (the list items) and explanation. */
function splitQuiz(children: ReactNode) {
  const items = Children.toArray(children).filter(isValidElement) as El[];
  const list = items.find((el) => el.type === 'ol' || el.type === 'ul');
  const explain = items.find((el) => el.type === Explain);
  const question = items.filter((el) => el !== list && el !== explain);
  const options = list ? (Children.toArray(list.props.children).filter(isValidElement) as El[]).map((li) => li.props.children) : [];
  return { question, options, explain };
}

export function Quiz({ id, answer, children }: { id: string; answer: string; children?: ReactNode }) {
  const t = useText(TEXT);
  const saved = useStore((s) => s.progress.quizzes[id]);
  const answerQuiz = useStore((s) => s.answerQuiz);
  const [choice, setChoice] = useState<number | null>(saved?.choice ?? null);
  const [checked, setChecked] = useState<boolean>(saved !== undefined);
  const [hint, setHint] = useState(false);
  const uid = useId();
  const { question, options, explain } = splitQuiz(children);
  const correctIndex = Number(answer);
  if (!id || options.length < 2 || !Number.isInteger(correctIndex) || correctIndex < 1 || correctIndex > options.length) {
    return <ErrorBox title={t.bad} detail={`quiz ${id || '(no id)'}: ${options.length} options, answer="${answer}"`} />;
  }
  const correct = checked && choice === correctIndex;
  const check = () => {
    if (choice === null) return setHint(true);
    setChecked(true);
    answerQuiz(id, { choice, correct: choice === correctIndex });
  };
  return (
    <fieldset className={`quiz ${checked ? (correct ? 'quiz-right' : 'quiz-wrong') : ''}`} data-quiz-id={id}>
      <legend className="quiz-label">{t.label}</legend>
      <div className="quiz-question">{question}</div>
      <div className="quiz-options" role="radiogroup">
        {options.map((opt, i) => (
          <label key={i} className={`quiz-option ${checked && i + 1 === correctIndex && correct ? 'is-correct' : ''}`}>
            <input
              type="radio"
              name={`quiz-${id}`}
              value={i + 1}
              checked={choice === i + 1}
              // Options are often pure maths, whose text a label can't always yield: name the
              // radio by its number and let the option's content describe it.
              aria-label={`${t.option} ${i + 1}`}
              aria-describedby={`${uid}-opt-${i}`}
              onChange={() => {
                setChoice(i + 1);
                setChecked(false);
                setHint(false);
              }}
            />
            <span id={`${uid}-opt-${i}`}>{opt}</span>
          </label>
        ))}
      </div>
      <div className="quiz-actions">
        <button type="button" onClick={check}>
          {checked && !correct ? t.retry : t.check}
        </button>
        <span className="quiz-feedback" role="status" aria-live="polite">
          {hint ? t.choose : checked ? (correct ? t.right : t.wrong) : ''}
        </span>
      </div>
      {correct && explain}
    </fieldset>
  );
}
