import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { Count, Due, ErrorBox, Loading, Section } from '../components/common';
import { dueCounts } from '../deadlines';
import { t, tv } from '../i18n';
import { linkProps } from '../router';

type Item = Schemas['MediationListItem'];

/** The mediations still running: consent to gather, or in mediation. */
const OPEN: Schemas['MediationState'][] = ['OPEN', 'IN_MEDIATION'];

/**
 * The signed-in mediator's directory entries: the directory links an account to a mediator by `userId` (mediation.md);
 * the API lists the mediators of the caller's area, which holds their own.
 */
async function myEntries(sub: string): Promise<string[]> {
  const mine: string[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/mediators', { params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } } }));
    mine.push(...(page.items ?? []).filter((m) => m.userId === sub).map((m) => m.id!));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return mine;
}

async function openMediations(sub: string): Promise<Item[] | null> {
  const mediators = await myEntries(sub);
  if (mediators.length === 0) return null;
  const pages = await Promise.all(mediators.flatMap((mediatorId) => OPEN.map(async (state) =>
    unwrap(await api.GET('/api/v1/mediations', { params: { query: { mediatorId, state, limit: 500 } } })).items ?? [])));
  const byId = new Map(pages.flat().map((m) => [m.id, m]));
  // by due time: the most urgent first; those still gathering consent (no deadline yet) last
  return [...byId.values()].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
}

/** A mediator's workbench: their open mediations by due time, with the counts of the other workbenches. */
export function MediatorWork({ sub }: { sub: string }) {
  const [items, setItems] = useState<Item[] | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setError(null);
    openMediations(sub).then(setItems, setError);
  }, [sub, attempt]);

  const counts = items ? dueCounts(items.map((m) => ({ dueAt: m.dueAt, flags: { overdue: m.overdue } }))) : null;
  return (
    <>
      <section class="counts" aria-label={t('wb.counts')}>
        <Count label={t('wb.dueToday')} value={counts?.dueToday} kind="soon" testid="due-today" />
        <Count label={t('wb.due3')} value={counts?.dueIn3} kind="ok" testid="due-3" />
        <Count label={t('wb.overdue')} value={counts?.overdue} kind="overdue" testid="overdue" />
      </section>
      <Section title={t('med.wb.title')} id="todo">
        {error != null && <ErrorBox error={error} onRetry={() => setAttempt(attempt + 1)} />}
        {!error && items === undefined && <Loading />}
        {items === null && <p class="muted" data-testid="worklist-empty">{t('med.wb.noEntry', { sub })}</p>}
        {items && items.length === 0 && <p class="muted" data-testid="worklist-empty">{t('wb.todo.empty')}</p>}
        {items && items.length > 0 && (
          <ul class="worklist" data-testid="worklist">
            {items.map((m) => (
              <li key={m.id} data-kind="mediation" data-mediation-id={m.id}>
                <span class="worklist-title">
                  <span class="tag kind-mediation">{t('med.wb.kind')}</span>{' '}
                  <a {...linkProps(`/mediation/${m.id}`)}>
                    <span class="mono">{m.number}</span> {m.summary}
                  </a>
                </span>
                <span class="worklist-meta">
                  <span class="state">{tv('med.state', m.state)}</span>
                  <Due dueAt={m.dueAt} overdue={m.overdue} />
                </span>
              </li>
            ))}
          </ul>
        )}
        <p><a {...linkProps('/mediation')}>{t('wb.todo.all')} →</a></p>
      </Section>
    </>
  );
}
