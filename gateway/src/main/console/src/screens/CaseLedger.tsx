import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { Due, EnumFilter, ErrorBox, Loading } from '../components/common';
import { CsvExport } from '../components/CsvExport';
import { formatDate, t, tv } from '../i18n';
import { linkProps, navigate, routeQuery } from '../router';

type CaseQuery = NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>;
type Page = Schemas['PageListItem'];

const STATES: Schemas['CaseState'][] = ['REGISTERED', 'ASSIGNED', 'IN_HANDLING', 'ANSWERED', 'IN_REVIEW', 'REVIEW_ANSWERED',
  'IN_RE_REVIEW', 'FINAL', 'NOT_ACCEPTED', 'DIVERTED', 'DECLINED', 'MERGED'];
const CHANNELS: Schemas['Channel'][] = ['VISIT', 'LETTER', 'PHONE', 'HOTLINE_12345', 'ONLINE', 'FAX'];
const TYPES: Schemas['CaseType'][] = ['REQUEST_GRIEVANCE', 'SUGGESTION', 'MISCONDUCT_REPORT'];
const PAGE_SIZE = 50;

/** Every filter of GET /api/v1/cases, read from and written to the address (a filtered ledger is a link). */
function filtersFrom(params: URLSearchParams): CaseQuery {
  const query: CaseQuery = {};
  const text = (name: 'q' | 'areaCode' | 'unitId' | 'from' | 'to') => {
    const v = params.get(name);
    if (v) query[name] = v;
  };
  text('q');
  text('areaCode');
  text('unitId');
  text('from');
  text('to');
  const state = params.get('state');
  if (state && (STATES as string[]).includes(state)) query.state = state as Schemas['CaseState'];
  const channel = params.get('channel');
  if (channel && (CHANNELS as string[]).includes(channel)) query.channel = channel as Schemas['Channel'];
  const type = params.get('type');
  if (type && (TYPES as string[]).includes(type)) query.type = type as Schemas['CaseType'];
  if (params.get('overdue') === 'true') query.overdue = true;
  if (params.get('backlog') === 'true') query.backlog = true;
  return query;
}

function toSearch(query: CaseQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== false) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function CaseLedger() {
  const search = routeQuery();
  const applied = filtersFrom(search);
  const key = toSearch(applied);
  const [draft, setDraft] = useState<CaseQuery>(applied);
  // keyset paging: the cursors of the pages before this one, so "previous" goes back exactly
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);

  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    setDraft(applied);
    setCursors([undefined]);
  }, [key]);
  useEffect(() => {
    let current = true;
    setPage(null);
    setError(null);
    api
      .GET('/api/v1/cases', { params: { query: { ...applied, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } })
      .then((r) => current && setPage(unwrap(r)))
      .catch((e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [key, cursor]);

  const submit = (e: Event) => {
    e.preventDefault();
    navigate('/cases' + toSearch(draft));
  };
  const set = <K extends keyof CaseQuery>(name: K, value: CaseQuery[K] | '') =>
    setDraft({ ...draft, [name]: value === '' ? undefined : value });
  const input = (name: 'q' | 'areaCode' | 'unitId', label: string) => (
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

  return (
    <main id="main" class="page ledger">
      <h1>{t('ledger.title')}</h1>
      <form class="filters card" onSubmit={submit} aria-label={t('ledger.filters')}>
        {input('q', t('ledger.q'))}
        <EnumFilter name="state" label={t('ledger.state')} value={draft.state} values={STATES} words="state" onChange={(v) => set('state', v)} />
        {input('areaCode', t('ledger.areaCode'))}
        {input('unitId', t('ledger.unitId'))}
        <EnumFilter name="channel" label={t('ledger.channel')} value={draft.channel} values={CHANNELS} words="channel" onChange={(v) => set('channel', v)} />
        <EnumFilter name="type" label={t('ledger.type')} value={draft.type} values={TYPES} words="type" onChange={(v) => set('type', v)} />
        {date('from', t('ledger.from'))}
        {date('to', t('ledger.to'))}
        <label class="check">
          <input type="checkbox" name="overdue" checked={draft.overdue === true} onChange={(e) => set('overdue', (e.target as HTMLInputElement).checked || '')} />
          {t('ledger.overdue')}
        </label>
        <label class="check">
          <input type="checkbox" name="backlog" checked={draft.backlog === true} onChange={(e) => set('backlog', (e.target as HTMLInputElement).checked || '')} />
          {t('ledger.backlog')}
        </label>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">
            {t('ledger.apply')}
          </button>
          <button type="button" class="btn" onClick={() => navigate('/cases')}>
            {t('ledger.reset')}
          </button>
        </div>
      </form>
      <p class="ledger-tools">
        <CsvExport fallbackName="cases.csv"
          load={() => api.GET('/api/v1/cases', { params: { query: applied }, headers: { Accept: 'text/csv' }, parseAs: 'blob' })} />
      </p>
      {error != null && <ErrorBox error={error} onRetry={() => setCursors([...cursors])} />}
      {!error && !page && <Loading />}
      {page && (
        <>
          <p class="muted" role="status" data-testid="ledger-count">
            {t('ledger.count', { n: page.items?.length ?? 0 })}
          </p>
          {(page.items ?? []).length === 0 ? (
            <p class="card muted">{t('ledger.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="cases" data-testid="ledger">
                <thead>
                  <tr>
                    <th scope="col">{t('col.number')}</th>
                    <th scope="col">{t('col.title')}</th>
                    <th scope="col">{t('col.state')}</th>
                    <th scope="col">{t('col.due')}</th>
                    <th scope="col">{t('col.area')}</th>
                    <th scope="col">{t('col.unit')}</th>
                    <th scope="col">{t('col.flags')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(page.items ?? []).map((c) => (
                    <tr key={c.id} data-case-id={c.id}>
                      <td class="mono">
                        <a {...linkProps(`/cases/${c.id}`)}>{c.number}</a>
                      </td>
                      <td>{c.title}</td>
                      <td>
                        <span class={`state state-${c.state}`}>{tv('state', c.state)}</span>
                        {c.stage && <span class="muted small"> · {tv('stage', c.stage)}</span>}
                      </td>
                      <td>
                        <Due dueAt={c.dueAt} overdue={c.flags?.overdue} />
                      </td>
                      <td class="mono">{c.areaCode}</td>
                      <td class="mono">{c.unitId ?? t('common.none')}</td>
                      <td>
                        <Flags item={c} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav class="pager" aria-label="pages">
            <button type="button" class="btn" disabled={cursors.length < 2} onClick={() => setCursors([undefined])}>
              {t('common.first')}
            </button>
            <button type="button" class="btn" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('common.prev')}
            </button>
            <button type="button" class="btn" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
              {t('common.more')}
            </button>
          </nav>
        </>
      )}
    </main>
  );
}

export function Flags({ item }: { item: Schemas['CaseListItem'] }) {
  const f = item.flags ?? {};
  return (
    <span class="flags">
      {f.backlog && (
        <span class="tag tag-red" data-testid="backlog">
          {item.backlog?.leader ? t('flag.backlogLeader', { leader: item.backlog.leader }) : t('flag.backlog')}
          {item.backlog?.targetDate ? ` · ${formatDate(item.backlog.targetDate)}` : ''}
        </span>
      )}
      {f.overdue && <span class="tag tag-red">{t('flag.overdue')}</span>}
      {f.repeat && <span class="tag">{t('flag.repeat')}</span>}
      {f.confidentialReporter && <span class="tag">{t('flag.confidential')}</span>}
      {f.hearing && <span class="tag">{t('flag.hearing')}</span>}
    </span>
  );
}
