import { type FormEvent, useId, useState } from 'react';
import { problemOf } from '../../api/problems.js';
import { useApi } from '../../api/api-context.js';
import { problemMessage } from '../../components/problem-message.js';
import { ScreenHeading } from '../../components/screen-heading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { emailInput } from './sign-in-input.js';

/**
 * The email, to sign in, or to join the programme first (name optional, the offers box unticked):
 * either way a sign-in code is emailed next.
 */
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
  const { t, locale } = useI18n();
  const api = useApi();
  const [mode, setMode] = useState<'signIn' | 'join'>('signIn');
  const [email, setEmail] = useState(initialEmail);
  const [name, setName] = useState('');
  const [marketingConsent, setMarketingConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const ids = { email: useId(), error: useId(), name: useId(), consent: useId() };
  const joining = mode === 'join';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const valid = emailInput(email);
    if (!valid) return setError(t.errors.invalidEmail);
    setError(null);
    setSending(true);
    try {
      if (joining)
        await api.join(valid, {
          marketingConsent,
          language: locale,
          ...(name.trim() && { name: name.trim() }),
        });
      else await api.requestCode(valid, locale);
      onSent(valid);
    } catch (failure) {
      setError(problemMessage(t, problemOf(failure), t.errors.invalidEmail));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="card sign-in" onSubmit={(event) => void submit(event)} noValidate>
      <ScreenHeading>{joining ? t.signIn.joinTitle : t.signIn.title}</ScreenHeading>
      {notice && (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      )}
      <p className="lead">{joining ? t.signIn.joinIntro : t.signIn.intro}</p>
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
      {joining && (
        <>
          <div className="field">
            <label htmlFor={ids.name}>{t.signIn.nameLabel}</label>
            <input
              id={ids.name}
              name="name"
              autoComplete="name"
              maxLength={120}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field field--check">
            <input
              id={ids.consent}
              type="checkbox"
              name="marketingConsent"
              checked={marketingConsent}
              onChange={(event) => setMarketingConsent(event.target.checked)}
            />
            <label htmlFor={ids.consent}>{t.signIn.consentLabel}</label>
          </div>
        </>
      )}
      <button type="submit" className="button button--primary" disabled={sending}>
        {sending ? t.signIn.sending : joining ? t.signIn.join : t.signIn.sendCode}
      </button>
      <div className="sign-in__secondary">
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            setError(null);
            setMode(joining ? 'signIn' : 'join');
          }}
        >
          {joining ? t.signIn.toSignIn : t.signIn.toJoin}
        </button>
      </div>
    </form>
  );
}
