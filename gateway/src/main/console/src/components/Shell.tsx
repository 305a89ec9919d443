import type { ComponentChildren } from 'preact';
import { lang, setLang, t, type MessageKey } from '../i18n';
import { linkProps, routePath } from '../router';
import { primaryRole, session, signOut } from '../session';

/** The six screens of console.md, in its order. */
export const SCREENS: { path: string; label: MessageKey }[] = [
  { path: '/', label: 'nav.workbench' },
  { path: '/cases', label: 'nav.cases' },
  { path: '/map', label: 'nav.map' },
  { path: '/index', label: 'nav.index' },
  { path: '/mediation', label: 'nav.mediation' },
  { path: '/admin', label: 'nav.admin' },
];

function active(path: string): boolean {
  const current = routePath();
  return path === '/' ? current === '/' : current === path || current.startsWith(path + '/');
}

export function Shell({ children }: { children: ComponentChildren }) {
  const user = session.value!.user;
  const role = primaryRole(user);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <span class="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')} class="nav">
          {SCREENS.map((s) => (
            <a key={s.path} {...linkProps(s.path)} class={active(s.path) ? 'nav-item active' : 'nav-item'} aria-current={active(s.path) ? 'page' : undefined}>
              {t(s.label)}
            </a>
          ))}
        </nav>
        <div class="who">
          <span class="user" data-testid="user" title={`${user.sub} · ${user.roles.join(', ')}${user.area ? ` · ${user.area}` : ''}`}>
            {t('user.as', { sub: user.sub, role: t(`role.${role}` as MessageKey) })}
            {user.area ? ` · ${user.area}` : ''}
          </span>
          <button type="button" class="btn btn-link" title={t('lang.label')} lang={lang.value === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang.value === 'en' ? 'zh-CN' : 'en')}>
            {t('lang.switch')}
          </button>
          <button type="button" class="btn btn-link" onClick={signOut}>
            {t('signout')}
          </button>
        </div>
      </header>
      {children}
    </div>
  );
}
