import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { formatDate, t, tv } from '../i18n';

type Day = Schemas['Holiday'];
const KINDS: Day['kind'][] = ['HOLIDAY', 'WORKDAY'];

/**
 * The holiday calendar every working-day deadline counts with (cases.md). The API replaces a year's days as a whole
 * (PUT with the year's days), so adding or removing a day writes that year again; the table is small and not paged.
 */
export function AdminHolidays() {
  const [days, setDays] = useState<Day[] | null>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [draft, setDraft] = useState<{ date: string; kind: Day['kind']; name: string }>({ date: '', kind: 'HOLIDAY', name: '' });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => api.GET('/api/v1/calendar/holidays').then((r) => setDays(unwrap(r).days ?? []), setError);
  useEffect(() => void load(), []);

  const yearOf = (d: Day) => Number(d.date!.slice(0, 4));
  const years = [...new Set([...(days ?? []).map(yearOf), new Date().getFullYear(), new Date().getFullYear() + 1])].sort();
  const ofYear = (days ?? []).filter((d) => yearOf(d) === year).sort((a, b) => a.date!.localeCompare(b.date!));

  /** Writes the year's days (only that year's: the others stay as they are). */
  const write = async (yearDays: Day[], done: string) => {
    setError(null);
    setMessage(null);
    try {
      setDays(unwrap(await api.PUT('/api/v1/calendar/holidays', { body: { days: yearDays } })).days ?? []);
      setMessage(done);
    } catch (e) {
      setError(e);
    }
  };
  const add = async (e: Event) => {
    e.preventDefault();
    const day: Day = { date: draft.date, kind: draft.kind, name: draft.name.trim() };
    const same = (days ?? []).filter((d) => yearOf(d) === yearOf(day) && d.date !== day.date);
    await write([...same, day], t('adm.hol.added', { date: formatDate(day.date) }));
    setYear(yearOf(day));
    setDraft({ date: '', kind: 'HOLIDAY', name: '' });
  };
  const remove = (day: Day) => write(ofYear.filter((d) => d.date !== day.date), t('adm.hol.removed', { date: formatDate(day.date) }));

  return (
    <div class="admin-tab">
      <Section title={t('adm.hol.add')} id="add-holiday">
        <form class="inline-filters" data-form="add-holiday" onSubmit={add}>
          <label>
            {t('adm.hol.date')}
            <input type="date" name="date" required value={draft.date} onInput={(e) => setDraft({ ...draft, date: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t('adm.hol.kind')}
            <select name="kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: (e.target as HTMLSelectElement).value as Day['kind'] })}>
              {KINDS.map((k) => <option key={k} value={k}>{tv('adm.dayKind', k)}</option>)}
            </select>
          </label>
          <label>
            {t('adm.hol.name')}
            <input name="name" required maxLength={100} value={draft.name} onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="submit" class="btn btn-primary">{t('adm.hol.addButton')}</button>
        </form>
      </Section>
      <Section title={t('adm.hol.title')} id="holidays">
        <div class="inline-filters">
          <label>
            {t('adm.hol.year')}
            <select name="year" value={String(year)} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </label>
        </div>
        {message && <p class="alert alert-ok" role="status">{message}</p>}
        {error != null && <ErrorBox error={error} />}
        {!days && !error && <Loading />}
        {days && (ofYear.length === 0 ? <p class="muted" data-testid="empty">{t('adm.hol.none', { year })}</p> : (
          <div class="table-wrap">
            <table class="cases" data-testid="holidays">
              <thead>
                <tr>
                  <th scope="col">{t('adm.hol.date')}</th>
                  <th scope="col">{t('adm.hol.kind')}</th>
                  <th scope="col">{t('adm.hol.name')}</th>
                  <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {ofYear.map((d) => (
                  <tr key={d.date} data-date={d.date}>
                    <td class="mono">{d.date}</td>
                    <td><span class={d.kind === 'HOLIDAY' ? 'tag tag-green' : 'tag'}>{tv('adm.dayKind', d.kind)}</span></td>
                    <td>{d.name}</td>
                    <td>
                      {/* a year's last day cannot go: a PUT without any day of a year leaves that year as it is */}
                      <button type="button" class="btn" disabled={ofYear.length === 1} title={ofYear.length === 1 ? t('adm.hol.lastDay') : undefined}
                        onClick={() => remove(d)}>
                        {t('adm.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </Section>
    </div>
  );
}
