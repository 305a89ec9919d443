import { useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config';
import { lang, setLang, t } from '../i18n';
import { devSignIn, oidcSignIn, type DemoUser } from '../session';

/** Demo users of the local platform's demo data (deploy/demo-data): a role, its area and, for handlers, the unit. */
const PRESETS: (DemoUser & { label: string })[] = [
  { label: 'demo-officer · 信访办 C01', sub: 'demo-officer', roles: ['petition_officer'], area: 'C01' },
  {
    label: 'demo-case-handler-C01-T01-V01 · unit-C01-T01-V01',
    sub: 'demo-case-handler-C01-T01-V01',
    roles: ['handler'],
    area: 'C01-T01-V01',
    unit: 'unit-C01-T01-V01',
  },
  { label: 'demo-supervisor · 督办 C01', sub: 'demo-supervisor', roles: ['supervisor'], area: 'C01' },
  // the directory entry of this account (userId) is the mediator of the demo mediations (deploy/demo-data)
  { label: 'demo-mediator-C01-T01-1 · 调解员 C01-T01', sub: 'demo-mediator-C01-T01-1', roles: ['mediator'], area: 'C01-T01' },
  { label: 'demo-analyst · C01', sub: 'demo-analyst', roles: ['analyst'], area: 'C01' },
  { label: 'demo-worker · C01-T01-V01-G01', sub: 'demo-worker', roles: ['grid_worker'], area: 'C01-T01-V01-G01' },
  { label: 'demo-admin', sub: 'demo-admin', roles: ['admin'] },
];
const ROLES = ['petition_officer', 'handler', 'supervisor', 'mediator', 'analyst', 'grid_worker', 'admin'] as const;

export function SignIn({ config }: { config: ConsoleConfig }) {
  const first = PRESETS[0]!;
  const [user, setUser] = useState<DemoUser>({ ...first });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await devSignIn(user);
    } catch (err) {
      setError(t('signin.failed', { detail: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="signin">
      <div class="signin-box card">
        <div class="signin-head">
          <h1>{t('signin.title')}</h1>
          <button type="button" class="btn btn-link" title={t('lang.label')} lang={lang.value === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang.value === 'en' ? 'zh-CN' : 'en')}>
            {t('lang.switch')}
          </button>
        </div>
        {config.oidc ? (
          <button type="button" class="btn btn-primary btn-wide" onClick={() => oidcSignIn(config.oidc!)}>
            {t('signin.oidc')}
          </button>
        ) : (
          <p class="muted">{t('signin.oidc.none')}</p>
        )}
        {config.devSignIn && (
          <form class="dev-signin" onSubmit={submit}>
            <h2>{t('signin.dev.title')}</h2>
            <p class="muted">{t('signin.dev.hint')}</p>
            <label>
              {t('signin.dev.preset')}
              <select
                name="preset"
                onChange={(e) => {
                  const picked = PRESETS[Number((e.target as HTMLSelectElement).value)];
                  if (picked) setUser({ sub: picked.sub, roles: picked.roles, area: picked.area, unit: picked.unit });
                }}
              >
                {PRESETS.map((p, i) => (
                  <option key={p.sub} value={i}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
            <div class="grid2">
              <label>
                {t('signin.dev.sub')}
                <input name="sub" value={user.sub} required onInput={(e) => setUser({ ...user, sub: (e.target as HTMLInputElement).value })} />
              </label>
              <label>
                {t('signin.dev.role')}
                <select
                  name="role"
                  value={user.roles[0]}
                  onChange={(e) => setUser({ ...user, roles: [(e.target as HTMLSelectElement).value] })}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('signin.dev.area')}
                <input name="area" value={user.area ?? ''} onInput={(e) => setUser({ ...user, area: (e.target as HTMLInputElement).value })} />
              </label>
              <label>
                {t('signin.dev.unit')}
                <input name="unit" value={user.unit ?? ''} onInput={(e) => setUser({ ...user, unit: (e.target as HTMLInputElement).value })} />
              </label>
            </div>
            {error && (
              <p class="alert alert-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" class="btn btn-primary btn-wide" disabled={busy}>
              {t('signin.dev.submit')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
