import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import { ErrorBox, Loading } from '../components/common';
import { useKeyset } from '../components/Keyset';
import { formatDate, lang, t } from '../i18n';
import { linkProps, navigate, routeQuery } from '../router';

/** Today in Asia/Shanghai (the platform's zone), as the API's days are. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** The leaders' reception days (mediation.md), from a day on: each with its slots and how many are left. */
export function Reception() {
  const params = routeQuery();
  const applied = { areaCode: params.get('areaCode') ?? '', from: params.get('from') ?? today(), to: params.get('to') ?? '' };
  const key = JSON.stringify(applied);
  const [draft, setDraft] = useState(applied);
  const list = useKeyset(key, async (cursor) =>
    unwrap(await api.GET('/api/v1/reception-days', {
      params: { query: { limit: 20, from: applied.from, ...(applied.to ? { to: applied.to } : {}), ...(applied.areaCode ? { areaCode: applied.areaCode } : {}), ...(cursor ? { cursor } : {}) } },
    })));
  const submit = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams(Object.entries(draft).filter(([, v]) => v)).toString();
    navigate(`/mediation/reception${q ? `?${q}` : ''}`);
  };

  return (
    <>
      <form class="inline-filters card" aria-label={t('ledger.filters')} onSubmit={submit}>
        <label>
          {t('ledger.areaCode')}
          <input name="areaCode" value={draft.areaCode} onInput={(e) => setDraft({ ...draft, areaCode: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('rec.from')}
          <input type="date" name="from" value={draft.from} onInput={(e) => setDraft({ ...draft, from: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('rec.to')}
          <input type="date" name="to" value={draft.to} onInput={(e) => setDraft({ ...draft, to: (e.target as HTMLInputElement).value })} />
        </label>
        <button type="submit" class="btn btn-primary">{t('ledger.apply')}</button>
      </form>
      {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.error && !list.page && <Loading />}
      {list.page && (list.items.length === 0 ? <p class="card muted">{t('rec.none')}</p> : (
        <ul class="days" data-testid="reception-days">
          {list.items.map((d) => (
            <li key={d.id} class="day card" data-day-id={d.id}>
              <div class="day-date">
                <span class="day-weekday">{new Date(`${d.date}T00:00:00+08:00`).toLocaleDateString(lang.value, { weekday: 'short', timeZone: 'Asia/Shanghai' })}</span>
                <span class="day-num">{formatDate(d.date)}</span>
                <span class="small">{d.startTime}–{d.endTime}</span>
              </div>
              <div class="day-body">
                <a {...linkProps(`/mediation/reception/${d.id}`)}><strong>{d.leader?.name}</strong> · {d.leader?.title}</a>
                <div class="small">{d.place} · <span class="mono">{d.areaCode}</span></div>
                {(d.topics ?? []).length > 0 && <div class="small">{(d.topics ?? []).map((x) => <span class="tag" key={x}>{x}</span>)}</div>}
              </div>
              <div class={d.slotsLeft === 0 ? 'day-slots full' : 'day-slots'} data-testid="slots">
                <span class="count-value">{d.slotsLeft}</span>
                <span class="small">{t('rec.slotsLeft', { slots: d.slots ?? 0 })}</span>
              </div>
            </li>
          ))}
        </ul>
      ))}
      {list.page && list.pager}
    </>
  );
}
