import { type FormEvent, useId, useState } from 'react';
import { problemOf } from '../../api/problems.js';
import { useApi } from '../../api/api-context.js';
import type { SignedIn } from '../../api/views.js';
import { problemMessage } from '../../components/problem-message.js';
import { ScreenHeading } from '../../components/screen-heading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { codeInput } from './sign-in-input.js';

export function CodeStep({
  email,
  onSignedIn,
  onChangeEmail,
}: {
  email: string;
  onSignedIn: (signedIn: SignedIn) => void;
  onChangeEmail: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const [busy, setBusy] = useState<'verifying' | 'resending' | null>(null);
  const ids = { code: useId(), error: useId(), intro: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const valid = codeInput(code);
    if (!valid) return setError(t.errors.codeFormat);
    setError(null);
    setBusy('verifying');
    try {
      onSignedIn(await api.signIn(email, valid));
    } catch (failure) {
      setError(problemMessage(t, problemOf(failure), t.errors.codeFormat));
      setBusy(null);
    }
  }

  async function resend() {
    setError(null);
    setResent(false);
    setBusy('resending');
    try {
      await api.requestCode(email, locale);
      setCode('');
      setResent(true);
    } catch (failure) {
      setError(problemMessage(t, problemOf(failure)));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="card sign-in" onSubmit={(event) => void submit(event)} noValidate>
      <ScreenHeading>{t.signIn.codeTitle}</ScreenHeading>
      <p className="lead" id={ids.intro}>
        {t.signIn.codeIntro(email)}
      </p>
      <div className="field">
        <label htmlFor={ids.code}>{t.signIn.codeLabel}</label>
        <input
          id={ids.code}
          className="code-input"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={7}
          required
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids.error} ${ids.intro}` : ids.intro}
          onChange={(event) => setCode(event.target.value)}
        />
        {error && (
          <p className="field__error" id={ids.error} role="alert">
            {error}
          </p>
        )}
      </div>
      {resent && (
        <p className="notice notice--info" role="status">
          {t.signIn.resent}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy !== null}>
        {busy === 'verifying' ? t.signIn.verifying : t.signIn.verify}
      </button>
      <div className="sign-in__secondary">
        <button
          type="button"
          className="button button--link"
          disabled={busy !== null}
          onClick={() => void resend()}
        >
          {t.signIn.resend}
        </button>
        <button type="button" className="button button--link" onClick={onChangeEmail}>
          {t.signIn.changeEmail}
        </button>
      </div>
    </form>
  );
}
