import { type FormEvent, useId, useState } from 'react';
import { problemOf } from '../../api/problems.js';
import { useApi } from '../../api/api-context.js';
import { problemMessage } from '../../components/problem-message.js';
import { ScreenHeading } from '../../components/screen-heading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { emailInput } from './sign-in-input.js';

export function EmailStep({
  initialEmail,
  notice,
  onSent,
}: {
  initialEmail: string;
  /** Why the member is here again (an expired session), shown above the form. */
  notice: string | null;
  onSent: (email: string) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const ids = { email: useId(), error: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const valid = emailInput(email);
    if (!valid) return setError(t.errors.invalidEmail);
    setError(null);
    setSending(true);
    try {
      await api.requestCode(valid);
      onSent(valid);
    } catch (failure) {
      setError(problemMessage(t, problemOf(failure), t.errors.invalidEmail));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="card sign-in" onSubmit={(event) => void submit(event)} noValidate>
      <ScreenHeading>{t.signIn.title}</ScreenHeading>
      {notice && (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      )}
      <p className="lead">{t.signIn.intro}</p>
      <div className="field">
        <label htmlFor={ids.email}>{t.signIn.emailLabel}</label>
        <input
          id={ids.email}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        {error && (
          <p className="field__error" id={ids.error} role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={sending}>
        {sending ? t.signIn.sending : t.signIn.sendCode}
      </button>
    </form>
  );
}
