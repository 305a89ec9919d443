import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { formatDate, formatTime, t, tv } from '../i18n';
import { linkProps } from '../router';
import { session } from '../session';

type Day = Schemas['ReceptionDay'];
type Booking = Schemas['ReceptionBooking'];
type Outcome = Schemas['ReceptionRecordCreate']['outcome'];
const OUTCOMES: Outcome[] = ['NEW_CASE', 'INSTRUCTED', 'RESOLVED_ON_SPOT', 'REFERRED'];
const CASE_TYPES: Schemas['CaseType'][] = ['REQUEST_GRIEVANCE', 'SUGGESTION', 'MISCONDUCT_REPORT'];
const REFERRALS: Schemas['DivertChannel'][] = ['LITIGATION', 'ARBITRATION', 'ADMINISTRATIVE_REVIEW', 'DISCIPLINE_INSPECTION'];

/** A slot's time of day: the API gives it with the day's own offset (Asia/Shanghai), e.g. 2026-12-13T09:15:00+08:00. */
const clock = (iso: string | undefined) => iso?.slice(11, 16) ?? '';

/** One reception day: its bookings (staff), the records of everyone received, and a new record (the day's officer). */
export function ReceptionDay({ id }: { id: string }) {
  const [day, setDay] = useState<Day | null>(null);
  const [records, setRecords] = useState<Schemas['ReceptionRecord'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const officer = session.value!.user.roles.includes('petition_officer');
  // a day's bookings are at most its slots: the API answers them in one list
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const loadBookings = () =>
    api.GET('/api/v1/reception-days/{id}/bookings', { params: { path: { id } } }).then((r) => setBookings(unwrap(r).items ?? []), setError);
  const loadRecords = () =>
    api.GET('/api/v1/reception-days/{id}/records', { params: { path: { id } } }).then((r) => setRecords(unwrap(r).items ?? []), setError);
  const loadDay = () => api.GET('/api/v1/reception-days/{id}', { params: { path: { id } } }).then((r) => setDay(unwrap(r)), setError);
  useEffect(() => {
    void loadDay();
    void loadBookings();
    void loadRecords();
  }, [id]);

  if (error) return <main id="main" class="page"><ErrorBox error={error} /></main>;
  if (!day) return <main id="main" class="page"><Loading /></main>;
  return (
    <main id="main" class="page casepage" data-day-id={day.id}>
      <p><a {...linkProps('/mediation/reception')}>← {t('rec.back')}</a></p>
      <h1>
        {t('rec.title', { date: formatDate(day.date) })} <span class="case-title">{day.leader?.name} · {day.leader?.title}</span>
      </h1>
      <p class="case-status">
        <span>{day.startTime}–{day.endTime} · {day.place} · <span class="mono">{day.areaCode}</span></span>
        <span class={day.slotsLeft === 0 ? 'tag tag-red' : 'tag tag-green'} data-testid="day-slots">{t('rec.slotsOf', { left: day.slotsLeft ?? 0, slots: day.slots ?? 0 })}</span>
        {(day.topics ?? []).map((x) => <span class="tag" key={x}>{x}</span>)}
      </p>
      {message && <p class="alert alert-ok" role="status">{message}</p>}
      <div class="columns">
        <div class="col-main">
          <Section title={t('rec.bookings')} id="bookings">
            {!bookings && <Loading />}
            {bookings && (bookings.length === 0 ? <p class="muted">{t('rec.noBookings')}</p> : (
              <div class="table-wrap">
                <table class="cases" data-testid="bookings">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.number')}</th>
                      <th scope="col">{t('rec.slot')}</th>
                      <th scope="col">{t('rec.citizen')}</th>
                      <th scope="col">{t('rec.summary')}</th>
                      <th scope="col">{t('col.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {bookings.map((b) => (
                      <tr key={b.id} data-booking-id={b.id}>
                        <td class="mono nowrap">{b.number}</td>
                        <td class="mono nowrap">{clock(b.slotStart)}–{clock(b.slotEnd)}</td>
                        <td>{b.citizen?.name ?? t('common.none')}{b.citizen?.phone && <div class="mono small">{b.citizen.phone}</div>}</td>
                        <td>{b.summary}{b.caseId && <div><a {...linkProps(`/cases/${b.caseId}`)}>{t('rec.case')}</a></div>}</td>
                        <td class="nowrap">{tv('rec.booking', b.state)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </Section>
          <Section title={t('rec.records')} id="records">
            {!records && <Loading />}
            {records && (records.length === 0 ? <p class="muted">{t('rec.noRecords')}</p> : (
              <ul class="plain" data-testid="records">
                {records.map((r) => (
                  <li key={r.id}>
                    <strong>{r.bookingNumber ?? r.walkIn?.name ?? ''}</strong> · <span class="tag">{tv('rec.outcome', r.outcome)}</span>
                    {r.caseId && <> · <a {...linkProps(`/cases/${r.caseId}`)}>{r.caseNumber ?? t('rec.case')}</a></>}
                    {r.referral && <> · {tv('divert', r.referral)}</>}
                    {r.instruction && <div class="note">{t('rec.instruction')}: {r.instruction}</div>}
                    {r.note && <div class="small">{r.note}</div>}
                    <div class="small muted">{formatTime(r.recordedAt)} · {r.recordedBy}</div>
                  </li>
                ))}
              </ul>
            ))}
          </Section>
        </div>
        <div class="col-side">
          {officer && (
            <Section title={t('rec.add')} id="add-record">
              <RecordForm day={day} bookings={(bookings ?? []).filter((b) => b.state === 'BOOKED')}
                onDone={(text) => { setMessage(text); void loadRecords(); void loadDay(); void loadBookings(); }} />
            </Section>
          )}
        </div>
      </div>
    </main>
  );
}

/** A record of someone received: a booking or a walk-in, the outcome, and exactly the fields that outcome needs. */
function RecordForm({ day, bookings, onDone }: { day: Day; bookings: Booking[]; onDone: (text: string) => void }) {
  const empty = { who: 'booking', bookingId: '', walkInName: '', walkInPhone: '', outcome: '' as Outcome | '', caseId: '', instruction: '',
    note: '', caseType: '', caseTitle: '', caseContent: '', referral: '' };
  const [v, setV] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof empty) => (e: Event) => setV({ ...v, [name]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Schemas['ReceptionRecordCreate'] = { outcome: v.outcome as Outcome };
    if (v.who === 'booking') body.bookingId = v.bookingId;
    else body.walkIn = { name: v.walkInName.trim(), ...(v.walkInPhone.trim() ? { phone: v.walkInPhone.trim() } : {}) };
    if (v.note.trim()) body.note = v.note.trim();
    if (v.outcome === 'NEW_CASE') body.case = { type: v.caseType as Schemas['CaseType'], title: v.caseTitle.trim(), content: v.caseContent.trim() };
    if (v.outcome === 'INSTRUCTED') {
      if (v.caseId.trim()) body.caseId = v.caseId.trim();
      body.instruction = v.instruction.trim();
    }
    if (v.outcome === 'REFERRED') body.referral = v.referral as Schemas['DivertChannel'];
    try {
      const record = unwrap(await api.POST('/api/v1/reception-days/{id}/records', {
        params: { path: { id: day.id! }, header: { 'Idempotency-Key': crypto.randomUUID() } },
        body,
      }));
      setV(empty);
      onDone(t('rec.recorded', { outcome: tv('rec.outcome', record.outcome) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const req = <span class="muted"> {t('field.required')}</span>;
  return (
    <form class="action-form" data-form="record" onSubmit={submit}>
      <fieldset class="choices">
        <legend>{t('rec.who')}</legend>
        <label class="check"><input type="radio" name="who" value="booking" checked={v.who === 'booking'} onChange={set('who')} />{t('rec.who.booking')}</label>
        <label class="check"><input type="radio" name="who" value="walkIn" checked={v.who === 'walkIn'} onChange={set('who')} />{t('rec.who.walkIn')}</label>
      </fieldset>
      {v.who === 'booking' ? (
        <label>
          <span>{t('rec.booking')}{req}</span>
          <select name="bookingId" required value={v.bookingId} onChange={set('bookingId')}>
            <option value="">{t('field.choose')}</option>
            {bookings.map((b) => <option key={b.id} value={b.id}>{b.number} · {clock(b.slotStart)} · {b.citizen?.name ?? ''}</option>)}
          </select>
        </label>
      ) : (
        <>
          <label><span>{t('case.name')}{req}</span><input name="walkInName" required value={v.walkInName} onInput={set('walkInName')} /></label>
          <label>{t('case.phone')}<input name="walkInPhone" type="tel" value={v.walkInPhone} onInput={set('walkInPhone')} /></label>
        </>
      )}
      <label>
        <span>{t('rec.outcomeLabel')}{req}</span>
        <select name="outcome" required value={v.outcome} onChange={set('outcome')}>
          <option value="">{t('field.choose')}</option>
          {OUTCOMES.map((o) => <option key={o} value={o}>{tv('rec.outcome', o)}</option>)}
        </select>
      </label>
      {v.outcome === 'NEW_CASE' && (
        <>
          <label>
            <span>{t('case.type')}{req}</span>
            <select name="caseType" required value={v.caseType} onChange={set('caseType')}>
              <option value="">{t('field.choose')}</option>
              {CASE_TYPES.map((c) => <option key={c} value={c}>{tv('type', c)}</option>)}
            </select>
          </label>
          <label><span>{t('col.title')}{req}</span><input name="caseTitle" required maxLength={200} value={v.caseTitle} onInput={set('caseTitle')} /></label>
          <label><span>{t('case.content')}{req}</span><textarea name="caseContent" required rows={4} value={v.caseContent} onInput={set('caseContent')} /></label>
        </>
      )}
      {v.outcome === 'INSTRUCTED' && (
        <>
          <label>{t('rec.caseId')}<input name="caseId" value={v.caseId} onInput={set('caseId')} /></label>
          <label><span>{t('rec.instruction')}{req}</span><textarea name="instruction" required rows={3} value={v.instruction} onInput={set('instruction')} /></label>
        </>
      )}
      {v.outcome === 'REFERRED' && (
        <label>
          <span>{t('rec.referral')}{req}</span>
          <select name="referral" required value={v.referral} onChange={set('referral')}>
            <option value="">{t('field.choose')}</option>
            {REFERRALS.map((r) => <option key={r} value={r}>{tv('divert', r)}</option>)}
          </select>
        </label>
      )}
      <label>{t('field.note')}<textarea name="note" rows={2} value={v.note} onInput={set('note')} /></label>
      {error != null && <ErrorBox error={error} />}
      <div class="form-buttons">
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('common.submit')}</button>
      </div>
    </form>
  );
}
