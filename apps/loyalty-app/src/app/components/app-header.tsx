import { useI18n } from '../i18n/i18n-context.js';
import { LOCALES, localeNames, type Locale } from '../i18n/messages.js';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t.app.language}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AppHeader({ onSignOut }: { onSignOut: (() => void) | null }) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <span className="brand">
          <svg className="brand__mark" viewBox="0 0 64 64" aria-hidden="true">
            <path d="M18 14h28v36l-4-3-4 3-4-3-4 3-4-3-4 3-4-3z" fill="currentColor" />
          </svg>
          {t.app.name}
        </span>
        <div className="app-header__actions">
          <LanguageSwitch />
          {onSignOut && (
            <button type="button" className="button button--ghost" onClick={onSignOut}>
              {t.app.signOut}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
