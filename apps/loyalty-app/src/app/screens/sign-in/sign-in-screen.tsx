import { useState } from 'react';
import type { SignedIn } from '../../api/views.js';
import { CodeStep } from './code-step.js';
import { EmailStep } from './email-step.js';

/** Email, then the emailed code. */
export function SignInScreen({
  notice,
  onSignedIn,
}: {
  notice: string | null;
  onSignedIn: (signedIn: SignedIn, email: string) => void;
}) {
  const [step, setStep] = useState<{ name: 'email' } | { name: 'code'; email: string }>({ name: 'email' });
  const [email, setEmail] = useState('');
  if (step.name === 'code')
    return (
      <CodeStep
        email={step.email}
        onSignedIn={(signedIn) => onSignedIn(signedIn, step.email)}
        onChangeEmail={() => setStep({ name: 'email' })}
      />
    );
  return (
    <EmailStep
      initialEmail={email}
      notice={notice}
      onSent={(sent) => {
        setEmail(sent);
        setStep({ name: 'code', email: sent });
      }}
    />
  );
}
