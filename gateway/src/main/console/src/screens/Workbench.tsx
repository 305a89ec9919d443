import { useEffect, useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { Count, Due, ErrorBox, Loading, Section } from '../components/common';
import { dueCounts } from '../deadlines';
import { formatTime, t, tv, type MessageKey } from '../i18n';
import { followNotices, type Notice } from '../notices';
import { linkProps } from '../router';
import { primaryRole, session } from '../session';
import { MediatorWork } from './MediatorWork';

type CaseQuery = NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>;
type IncidentQuery = NonNullable<paths['/api/v1/incidents']['get']['parameters']['query']>;

/** One thing to do: a case or an incident, with its current deadline. */
interface WorkItem {
  kind: 'case' | 'incident';
  id: string;
  number: string;
  title: string;
  state: string;
  dueAt?: string | null;
  flags: { overdue?: boolean };
}

/** What each role must do next, as list queries (the API scopes them to the person's area or unit). */
interface Work {
  title: MessageKey;
  cases: CaseQuery[];
  incidents: IncidentQuery[];
  ledger: string;
}

const OPEN_INCIDENTS: IncidentQuery['state'] = ['DISPATCHED', 'IN_PROGRESS'];

function workFor(role: string): Work | null {
  switch (role) {
    case 'petition_officer':
      return { title: 'wb.todo.petition_officer', cases: [{ state: 'REGISTERED' }], incidents: [], ledger: '/cases?state=REGISTERED' };
    case 'handler':
      return {
        title: 'wb.todo.handler',
        cases: [{ state: 'ASSIGNED' }, { state: 'IN_HANDLING' }],
        incidents: [{ state: OPEN_INCIDENTS }],
        ledger: '/cases?state=ASSIGNED',
      };
    case 'supervisor':
      return {
        title: 'wb.todo.supervisor',
        cases: [{ overdue: true }, { backlog: true }],
        incidents: [{ overdue: true, state: OPEN_INCIDENTS }],
        ledger: '/cases?overdue=true',
      };
    case 'grid_worker':
      return { title: 'wb.todo.grid_worker', cases: [], incidents: [{ state: ['REPORTED', ...(OPEN_INCIDENTS ?? [])] }], ledger: '/cases' };
    case 'mediator':
      // a mediator's work is their mediations (MediatorWork), not cases or incidents
      return null;
    default:
      return { title: 'wb.todo.other', cases: [{ state: 'IN_HANDLING' }], incidents: [], ledger: '/cases?state=IN_HANDLING' };
  }
}

async function loadWork(work: Work): Promise<WorkItem[]> {
  const [cases, incidents] = await Promise.all([
    Promise.all(work.cases.map(async (query) =>
      unwrap(await api.GET('/api/v1/cases', { params: { query: { ...query, limit: 500 } } })).items ?? [])),
    Promise.all(work.incidents.map(async (query) =>
      unwrap(await api.GET('/api/v1/incidents', {
        params: { query: { ...query, limit: 500 } },
        // the states as one comma-separated parameter, as grid-service reads it
        querySerializer: { array: { style: 'form', explode: false } },
      })).items ?? [])),
  ]);
  const byId = new Map<string, WorkItem>();
  for (const c of cases.flat()) {
    if (c.id) byId.set(c.id, { kind: 'case', id: c.id, number: c.number ?? '', title: c.title ?? '', state: tv('state', c.state), dueAt: c.dueAt, flags: c.flags ?? {} });
  }
  for (const i of incidents.flat()) {
    if (i.id) {
      byId.set(i.id, {
        kind: 'incident', id: i.id, number: i.number ?? '', title: [i.categoryName, i.address ?? i.description].filter(Boolean).join(' · '),
        state: tv('istate', i.state), dueAt: i.dueAt, flags: { overdue: i.overdue },
      });
    }
  }
  // by due time: the most urgent first, those without a deadline last
  return [...byId.values()].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
}

export function Workbench() {
  const user = session.value!.user;
  const role = primaryRole(user);
  const work = workFor(role);
  const [items, setItems] = useState<WorkItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!work) return;
    setError(null);
    loadWork(work).then(setItems, setError);
  }, [role, attempt]);

  const counts = items ? dueCounts(items) : null;
  return (
    <main id="main" class="page workbench">
      <h1>
        {t('wb.title')} <span class="muted small">{t('wb.greeting', { sub: user.sub })}</span>
      </h1>
      <div class="columns">
        <div class="col-main">
          {!work && <MediatorWork sub={user.sub} />}
          {work && (
            <section class="counts" aria-label={t('wb.counts')}>
              <Count label={t('wb.dueToday')} value={counts?.dueToday} kind="soon" testid="due-today" />
              <Count label={t('wb.due3')} value={counts?.dueIn3} kind="ok" testid="due-3" />
              <Count label={t('wb.overdue')} value={counts?.overdue} kind="overdue" testid="overdue" />
            </section>
          )}
          {work && (
            <Section title={t(work.title)} id="todo">
              {error != null && <ErrorBox error={error} onRetry={() => setAttempt(attempt + 1)} />}
              {!error && !items && <Loading />}
              {items && items.length === 0 && <p class="muted" data-testid="worklist-empty">{t('wb.todo.empty')}</p>}
              {items && items.length > 0 && (
                <ul class="worklist" data-testid="worklist">
                  {items.slice(0, 50).map((w) => (
                    <li key={w.id} data-kind={w.kind}>
                      <span class="worklist-title">
                        <span class={`tag kind-${w.kind}`}>{t(w.kind === 'case' ? 'wb.kind.case' : 'wb.kind.incident')}</span>{' '}
                        {w.kind === 'case' ? (
                          <a {...linkProps(`/cases/${w.id}`)}>
                            <span class="mono">{w.number}</span> {w.title}
                          </a>
                        ) : (
                          <>
                            <span class="mono">{w.number}</span> {w.title}
                          </>
                        )}
                      </span>
                      <span class="worklist-meta">
                        <span class="state">{w.state}</span>
                        <Due dueAt={w.dueAt} overdue={w.flags.overdue} />
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {work.cases.length > 0 && (
                <p>
                  <a {...linkProps(work.ledger)}>{t('wb.todo.all')} →</a>
                </p>
              )}
            </Section>
          )}
        </div>
        <div class="col-side">
          <Inbox />
        </div>
      </div>
    </main>
  );
}

/** The person's notices, newest first, kept up to date by the live stream. */
function Inbox() {
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [partial, setPartial] = useState<string[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const loadPage = (cursor?: string) =>
    api.GET('/api/v1/me/notices', { params: { query: { limit: 10, ...(cursor ? { cursor } : {}) } } }).then((result) => {
      try {
        const page = unwrap(result);
        setNotices((list) => [...(cursor ? (list ?? []) : []), ...(page.items ?? [])]);
        setNext(page.nextCursor ?? null);
        setUnread(page.unread ?? 0);
        // the gateway says which service's part is missing when one is down (gateway.md "Composed paths")
        setPartial(page.partial ?? []);
      } catch (e) {
        setError(e);
      }
    }, setError);

  useEffect(() => {
    void loadPage();
    return followNotices(
      (n) => {
        setNotices((list) => [n, ...(list ?? []).filter((x) => x.id !== n.id)]);
        if (!n.read) setUnread((u) => u + 1);
      },
      setLive,
    );
  }, []);

  const markRead = async (n: Notice) => {
    if (!n.id) return;
    unwrap(await api.POST('/api/v1/me/notices/{id}/read', { params: { path: { id: n.id } } }));
    setNotices((list) => (list ?? []).map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    setUnread((u) => Math.max(0, u - 1));
  };

  return (
    <Section title={t('wb.notices')} id="notices">
      <p class="inbox-status">
        <span class="badge" data-testid="unread">
          {t('wb.notices.unread', { n: unread })}
        </span>{' '}
        <span class={live ? 'live on' : 'live'}>{live ? t('wb.notices.live') : t('wb.notices.offline')}</span>
      </p>
      {partial.length > 0 && <p class="alert">{t('wb.notices.partial', { parts: partial.join(', ') })}</p>}
      {error != null && <ErrorBox error={error} />}
      {!error && !notices && <Loading />}
      {notices && notices.length === 0 && <p class="muted" data-testid="inbox-empty">{t('wb.notices.empty')}</p>}
      {notices && notices.length > 0 && (
        <ul class="inbox" data-testid="inbox">
          {notices.map((n) => (
            <li key={n.id} class={n.read ? 'notice' : 'notice unread'}>
              <div class="notice-title">
                {n.urgent && <span class="tag tag-red">!</span>}
                {n.subjectType === 'case' && n.subjectId ? <a {...linkProps(`/cases/${n.subjectId}`)}>{n.title}</a> : n.title}
              </div>
              <div class="notice-body">{n.body}</div>
              <div class="notice-meta">
                {formatTime(n.createdAt)}
                {!n.read && (
                  <button type="button" class="btn btn-link small" onClick={() => markRead(n)}>
                    {t('wb.notices.markRead')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="btn" onClick={() => loadPage(next)}>
          {t('wb.notices.more')}
        </button>
      )}
    </Section>
  );
}
