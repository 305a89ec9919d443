import type { ComponentType } from 'preact';
import { t, type MessageKey } from '../i18n';
import { linkProps, routeQuery } from '../router';
import { session } from '../session';
import { AdminHolidays } from './AdminHolidays';
import { AdminMediators } from './AdminMediators';
import { AdminModels } from './AdminModels';
import { AdminPartnerKeys } from './AdminPartnerKeys';
import { AdminUnits } from './AdminUnits';
import { AdminWebhooks } from './AdminWebhooks';

/** A tab of the administration and the roles its API admits (the services and the gateway decide; this only hides). */
interface Tab {
  id: string;
  label: MessageKey;
  roles: string[];
  Screen: ComponentType;
}

const TABS: Tab[] = [
  { id: 'keys', label: 'adm.tab.keys', roles: ['admin'], Screen: AdminPartnerKeys },
  { id: 'webhooks', label: 'adm.tab.webhooks', roles: ['admin'], Screen: AdminWebhooks },
  // staff read the unit directory; only admins see and set a unit's notice channels
  { id: 'units', label: 'adm.tab.units', roles: ['admin', 'supervisor'], Screen: AdminUnits },
  { id: 'holidays', label: 'adm.tab.holidays', roles: ['admin'], Screen: AdminHolidays },
  { id: 'models', label: 'adm.tab.models', roles: ['admin'], Screen: AdminModels },
  // an admin anywhere, a supervisor in their area (mediation.md "Mediator directory")
  { id: 'mediators', label: 'adm.tab.mediators', roles: ['admin', 'supervisor'], Screen: AdminMediators },
];

/** Administration (console.md screen 6): one tab per thing administered, the tab in the address. */
export function Admin() {
  const roles = session.value!.user.roles;
  const tabs = TABS.filter((tab) => tab.roles.some((r) => roles.includes(r)));
  const asked = routeQuery().get('tab');
  const current = tabs.find((tab) => tab.id === asked) ?? tabs[0];
  return (
    <main id="main" class="page admin">
      <h1>{t('nav.admin')}</h1>
      {!current ? (
        <p class="card muted" data-testid="admin-none">
          {t('adm.none')}
        </p>
      ) : (
        <>
          <nav class="tabs" aria-label={t('adm.tabs')}>
            {tabs.map((tab) => (
              <a key={tab.id} {...linkProps(`/admin?tab=${tab.id}`)} class={tab === current ? 'tab active' : 'tab'}
                aria-current={tab === current ? 'page' : undefined} data-tab={tab.id}>
                {t(tab.label)}
              </a>
            ))}
          </nav>
          <current.Screen key={current.id} />
        </>
      )}
    </main>
  );
}
