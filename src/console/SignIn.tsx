import { useState } from 'preact/hooks';
import type { Translate } from './messages';

/** The sign-in form; `onSignIn` answers an error message or null. */
export function SignIn({ t, onSignIn }: { t: Translate; onSignIn(name: string, password: string): Promise<string | null> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="card sign-in"
      aria-labelledby="sign-in-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(await onSignIn(name, password));
      }}
    >
      <h2 id="sign-in-title">{t('signIn')}</h2>
      <label>
        {t('name')}
        <input name="username" autocomplete="username" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <p role="alert" class="error">{error ? t('error', { message: error }) : ''}</p>
      <button type="submit" class="primary">{t('signIn')}</button>
    </form>
  );
}
