import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { Due, EnumFilter, ErrorBox, Loading } from '../components/common';
import { CsvExport } from '../components/CsvExport';
import { useKeyset } from '../components/Keyset';
import { t, tv } from '../i18n';
import { linkProps, navigate, routeQuery } from '../router';
import { Reception } from './Reception';

type MediationQuery = NonNullable<paths['/api/v1/mediations']['get']['parameters']['query']>;
type Filters = Omit<MediationQuery, 'limit' | 'cursor'>;

export const MEDIATION_STATES: Schemas['MediationState'][] = ['OPEN', 'IN_MEDIATION', 'AGREED', 'FULFILLED', 'ENDED'];
export const MEDIATION_TYPES: Schemas['MediationType'][] = ['PEOPLES', 'ADMINISTRATIVE', 'JUDICIAL', 'SECTORAL'];
const PAGE_SIZE = 50;

/** Mediation and reception (调解 · 接访, console.md screen 5): the mediation ledger and the reception days, as tabs. */
export function Mediation({ tab }: { tab: 'ledger' | 'reception' }) {
  return (
    <main id="main" class="page mediation">
      <h1>{t('nav.mediation')}</h1>
      <nav class="tabs" aria-label={t('med.tabs')}>
        <a {...linkProps('/mediation')} class={tab === 'ledger' ? 'tab active' : 'tab'} aria-current={tab === 'ledger' ? 'page' : undefined}>
          {t('med.tab.ledger')}
        </a>
        <a {...linkProps('/mediation/reception')} class={tab === 'reception' ? 'tab active' : 'tab'} aria-current={tab === 'reception' ? 'page' : undefined}>
          {t('med.tab.reception')}
        </a>
      </nav>
      {tab === 'ledger' ? <MediationLedger /> : <Reception />}
    </main>
  );
}

/** Every filter of GET /api/v1/mediations, read from and written to the address (a filtered ledger is a link). */
function filtersFrom(params: URLSearchParams): Filters {
  const query: Filters = {};
  for (const name of ['areaCode', 'mediatorId', 'from', 'to', 'q'] as const) {
    const v = params.get(name);
    if (v) query[name] = v;
  }
  const state = params.get('state');
  if (state && (MEDIATION_STATES as string[]).includes(state)) query.state = state as Schemas['MediationState'];
  const type = params.get('type');
  if (type && (MEDIATION_TYPES as string[]).includes(type)) query.type = type as Schemas['MediationType'];
  const overdue = params.get('overdue');
  if (overdue === 'true' || overdue === 'false') query.overdue = overdue === 'true';
  return query;
}

function toSearch(query: Filters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function MediationLedger() {
  const applied = filtersFrom(routeQuery());
  const key = toSearch(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  const [mediators, setMediators] = useState<Schemas['Mediator'][] | null>(null);
  const list = useKeyset(key, async (cursor) =>
    unwrap(await api.GET('/api/v1/mediations', { params: { query: { ...applied, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } })));
  useEffect(() => setDraft(applied), [key]);
  useEffect(() => {
    // the directory as far as the caller sees it (their area's mediators), for the mediator filter and the names
    api.GET('/api/v1/mediators', { params: { query: { limit: 500 } } }).then((r) => setMediators(unwrap(r).items ?? []), () => setMediators([]));
  }, []);

  const set = <K extends keyof Filters>(name: K, value: Filters[K] | '') => setDraft({ ...draft, [name]: value === '' ? undefined : value });
  const text = (name: 'q' | 'areaCode', label: string) => (
    <label>
      {label}
      <input name={name} value={draft[name] ?? ''} onInput={(e) => set(name, (e.target as HTMLInputElement).value)} />
    </label>
  );
  const date = (name: 'from' | 'to', label: string) => (
    <label>
      {label}
      <input type="date" name={name} value={(draft[name] ?? '').slice(0, 10)} onInput={(e) => set(name, (e.target as HTMLInputElement).value)} />
    </label>
  );
  const names = new Map((mediators ?? []).map((m) => [m.id, m.name]));

  return (
    <>
      <form class="filters card" aria-label={t('ledger.filters')} onSubmit={(e) => { e.preventDefault(); navigate('/mediation' + toSearch(draft)); }}>
        {text('q', t('med.q'))}
        <EnumFilter name="state" label={t('ledger.state')} value={draft.state} values={MEDIATION_STATES} words="med.state" onChange={(v) => set('state', v)} />
        <EnumFilter name="type" label={t('med.type')} value={draft.type} values={MEDIATION_TYPES} words="mediationType" onChange={(v) => set('type', v)} />
        {text('areaCode', t('ledger.areaCode'))}
        <label>
          {t('med.mediator')}
          <select name="mediatorId" value={draft.mediatorId ?? ''} onChange={(e) => set('mediatorId', (e.target as HTMLSelectElement).value)}>
            <option value="">{t('ledger.any')}</option>
            {(mediators ?? []).map((m) => <option key={m.id} value={m.id}>{m.name}（{m.committee}）</option>)}
          </select>
        </label>
        <label>
          {t('med.overdue')}
          <select name="overdue" value={draft.overdue === undefined ? '' : String(draft.overdue)}
            onChange={(e) => { const v = (e.target as HTMLSelectElement).value; set('overdue', v === '' ? '' : v === 'true'); }}>
            <option value="">{t('ledger.any')}</option>
            <option value="true">{t('med.overdue.yes')}</option>
            <option value="false">{t('med.overdue.no')}</option>
          </select>
        </label>
        {date('from', t('med.from'))}
        {date('to', t('med.to'))}
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">{t('ledger.apply')}</button>
          <button type="button" class="btn" onClick={() => navigate('/mediation')}>{t('ledger.reset')}</button>
        </div>
      </form>
      <p class="ledger-tools">
        <CsvExport fallbackName="mediations.csv"
          load={() => api.GET('/api/v1/mediations', { params: { query: applied }, headers: { Accept: 'text/csv' }, parseAs: 'blob' })} />
      </p>
      {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.error && !list.page && <Loading />}
      {list.page && (
        <>
          <p class="muted" role="status" data-testid="mediation-count">{t('ledger.count', { n: list.items.length })}</p>
          {list.items.length === 0 ? <p class="card muted">{t('ledger.empty')}</p> : (
            <div class="table-wrap">
              <table class="cases" data-testid="mediation-ledger">
                <thead>
                  <tr>
                    <th scope="col">{t('col.number')}</th>
                    <th scope="col">{t('med.summary')}</th>
                    <th scope="col">{t('med.type')}</th>
                    <th scope="col">{t('col.state')}</th>
                    <th scope="col">{t('col.due')}</th>
                    <th scope="col">{t('col.area')}</th>
                    <th scope="col">{t('med.mediators')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((m) => (
                    <tr key={m.id} data-mediation-id={m.id}>
                      <td class="mono"><a {...linkProps(`/mediation/${m.id}`)}>{m.number}</a></td>
                      <td>{m.summary}</td>
                      <td>{tv('mediationType', m.type)}{m.sector && <span class="muted small"> · {tv('med.sector', m.sector)}</span>}</td>
                      <td>
                        <span class={`state mstate-${m.state}`}>{tv('med.state', m.state)}</span>
                        {m.outcome && <span class="muted small"> · {tv('med.outcome', m.outcome)}</span>}
                      </td>
                      <td>
                        {/* a concluded mediation's deadline no longer runs */}
                        {m.state === 'OPEN' || m.state === 'IN_MEDIATION' ? <Due dueAt={m.dueAt} overdue={m.overdue} /> : <span class="muted">{t('common.none')}</span>}
                        {m.overdue && <span class="tag tag-red" data-testid="overdue-marker">{t('flag.overdue')}</span>}
                      </td>
                      <td class="mono">{m.areaCode}<span class="muted small"> · {tv('med.level', m.level)}</span></td>
                      <td class="small">{(m.mediatorIds ?? []).map((id) => names.get(id) ?? id).join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.pager}
        </>
      )}
    </>
  );
}
