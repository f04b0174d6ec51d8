import type { Lang } from '../app/i18n';
import { ErrorBox } from '../ui/ErrorBox';
import type { SettingError } from './settings';

/** The settings a panel had to reject (it runs on defaults for those), one line each, in the reader's language. */
export function SettingsErrors({ title, errors, lang }: { title: string; errors: Pick<SettingError, 'key' | 'zh' | 'en'>[]; lang: Lang }) {
  if (!errors.length) return null;
  return (
    <ErrorBox title={title}>
      <ul>
        {errors.map((e) => (
          <li key={e.key}>{e[lang]}</li>
        ))}
      </ul>
    </ErrorBox>
  );
}
