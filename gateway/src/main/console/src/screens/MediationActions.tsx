import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox } from '../components/common';
import { t, tv, type MessageKey } from '../i18n';
import type { LoadedMediation } from './MediationPage';

type Action = Schemas['MediationTransition']['action'];
type Body = Schemas['MediationTransition'];

/** The fields each step needs (cases-service's MediationTable): exactly these, required ones marked. */
type Field = 'partyId' | 'reason' | 'heldAt' | 'place' | 'attendees' | 'notes' | 'days' | 'written' | 'terms' | 'obligations'
  | 'referral' | 'court' | 'confirmedOn' | 'results' | 'note';
export const MEDIATION_FIELDS: Record<Exclude<Action, 'OVERDUE'>, { field: Field; required: boolean }[]> = {
  RECORD_CONSENT: [{ field: 'partyId', required: true }],
  REFUSE: [{ field: 'partyId', required: true }, { field: 'reason', required: true }],
  ADD_SESSION: [{ field: 'heldAt', required: true }, { field: 'place', required: true }, { field: 'attendees', required: false },
    { field: 'notes', required: false }],
  EXTEND: [{ field: 'days', required: true }, { field: 'reason', required: true }],
  CONCLUDE_AGREEMENT: [{ field: 'written', required: true }, { field: 'terms', required: true }, { field: 'obligations', required: false }],
  CONCLUDE_FAILED: [{ field: 'reason', required: true }, { field: 'referral', required: true }],
  WITHDRAW: [{ field: 'partyId', required: true }, { field: 'reason', required: true }],
  RECORD_JUDICIAL_CONFIRMATION: [{ field: 'court', required: true }, { field: 'confirmedOn', required: true }],
  FOLLOW_UP: [{ field: 'results', required: true }, { field: 'note', required: false }],
  REOPEN: [{ field: 'reason', required: true }],
};
const REFERRALS: Schemas['Referral'][] = ['LITIGATION', 'ARBITRATION', 'ADMINISTRATIVE', 'PETITION'];
const RESULTS = ['FULFILLED', 'PARTIAL', 'BREACHED'] as const;

export function MediationActions({ data, onDone, onStale }: { data: LoadedMediation; onDone: (text: string) => void; onStale: () => void }) {
  const [open, setOpen] = useState<Action | null>(null);
  const allowed = (data.view.allowedActions ?? []).filter((a): a is Exclude<Action, 'OVERDUE'> => a !== 'OVERDUE');
  if (allowed.length === 0) return <p class="muted">{t('case.actions.none')}</p>;
  return (
    <div class="actions">
      <div class="action-buttons">
        {allowed.map((a) => (
          <button key={a} type="button" class={open === a ? 'btn btn-primary' : 'btn'} data-action={a} aria-expanded={open === a}
            onClick={() => setOpen(open === a ? null : a)}>
            {tv('maction', a)}
          </button>
        ))}
      </div>
      {open && open !== 'OVERDUE' && (
        <StepForm key={open} action={open} data={data} onCancel={() => setOpen(null)}
          onDone={(text) => { setOpen(null); onDone(text); }} onStale={() => { setOpen(null); onStale(); }} />
      )}
    </div>
  );
}

interface Obligation { partyId: string; content: string; dueDate: string }

function StepForm({ action, data, onDone, onStale, onCancel }: {
  action: Exclude<Action, 'OVERDUE'>; data: LoadedMediation; onDone: (text: string) => void; onStale: () => void; onCancel: () => void;
}) {
  const m = data.view;
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const [obligations, setObligations] = useState<Obligation[]>([]);
  const [results, setResults] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = MEDIATION_FIELDS[action];
  // consent is recorded for those who have not consented yet; the other steps name any party
  const parties = (m.parties ?? []).filter((p) => action !== 'RECORD_CONSENT' || !p.consented);
  const pending = (m.agreement?.obligations ?? []).filter((o) => o.status !== 'FULFILLED');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Body = { action };
    for (const { field } of fields) {
      const value = values[field]?.trim();
      if (field === 'obligations') {
        if (obligations.length > 0) body.obligations = obligations.map((o) => ({ partyId: o.partyId, content: o.content.trim(), dueDate: o.dueDate }));
      } else if (field === 'results') {
        body.results = Object.entries(results).filter(([, s]) => s).map(([obligationId, status]) => ({ obligationId, status: status as typeof RESULTS[number] }));
      } else if (!value) {
        continue;
      } else if (field === 'days') body.days = Number(value);
      else if (field === 'written') body.written = value === 'true';
      else if (field === 'heldAt') body.heldAt = new Date(value).toISOString();
      else if (field === 'attendees') body.attendees = value.split(/\n|[,，、]/).map((s) => s.trim()).filter(Boolean);
      else if (field === 'referral') body.referral = value as Schemas['Referral'];
      else body[field] = value;
    }
    try {
      const result = await api.POST('/api/v1/mediations/{id}/transitions', {
        params: { path: { id: m.id! }, header: data.etag ? { 'If-Match': data.etag } : {} },
        body,
      });
      if (result.response.status === 412) {
        onStale();
        return;
      }
      unwrap(result);
      onDone(t('case.done', { action: tv('maction', action) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const label = (field: Field, required: boolean) => (
    <span>
      {t(`med.field.${field}` as MessageKey)}
      {required && <span class="muted"> {t('field.required')}</span>}
    </span>
  );
  const input = (field: Field, required: boolean) => {
    const set = (e: Event) => setValues({ ...values, [field]: (e.target as HTMLInputElement).value });
    if (field === 'obligations') return <Obligations key={field} parties={m.parties ?? []} value={obligations} onChange={setObligations} />;
    if (field === 'results') {
      return (
        <fieldset key={field} class="choices" data-field="results">
          <legend>{label(field, required)}</legend>
          {pending.map((o) => (
            <label key={o.id}>
              {o.content}
              <select name={`result-${o.id}`} value={results[o.id!] ?? ''} onChange={(e) => setResults({ ...results, [o.id!]: (e.target as HTMLSelectElement).value })}>
                <option value="">{t('field.choose')}</option>
                {RESULTS.map((s) => <option key={s} value={s}>{tv('med.obligation', s)}</option>)}
              </select>
            </label>
          ))}
        </fieldset>
      );
    }
    let control;
    if (field === 'partyId') {
      control = (
        <select name="partyId" required={required} value={values.partyId ?? ''} onChange={set}>
          <option value="">{t('field.choose')}</option>
          {parties.map((p) => <option key={p.id} value={p.id}>{p.name}（{tv('med.role', p.role)}）</option>)}
        </select>
      );
    } else if (field === 'written') {
      control = (
        <select name="written" required={required} value={values.written ?? ''} onChange={set}>
          <option value="">{t('field.choose')}</option>
          <option value="true">{t('med.agreement.written')}</option>
          <option value="false">{t('med.agreement.oral')}</option>
        </select>
      );
    } else if (field === 'referral') {
      control = (
        <select name="referral" required={required} value={values.referral ?? ''} onChange={set}>
          <option value="">{t('field.choose')}</option>
          {REFERRALS.map((r) => <option key={r} value={r}>{tv('med.referralTo', r)}</option>)}
        </select>
      );
    } else if (field === 'days') control = <input type="number" name="days" min={1} max={30} required={required} value={values.days ?? ''} onInput={set} />;
    else if (field === 'heldAt') control = <input type="datetime-local" name="heldAt" required={required} value={values.heldAt ?? ''} onInput={set} />;
    else if (field === 'confirmedOn') control = <input type="date" name="confirmedOn" required={required} value={values.confirmedOn ?? ''} onInput={set} />;
    else if (field === 'reason' || field === 'notes' || field === 'terms' || field === 'note' || field === 'attendees')
      control = <textarea name={field} required={required} rows={field === 'terms' || field === 'notes' ? 4 : 2} value={values[field] ?? ''} onInput={set} />;
    else control = <input name={field} required={required} value={values[field] ?? ''} onInput={set} />;
    return (
      <label key={field}>
        {label(field, required)}
        {control}
      </label>
    );
  };

  return (
    <form class="action-form" data-form={action} onSubmit={submit}>
      <h3>{tv('maction', action)}</h3>
      {fields.map((f) => input(f.field, f.required))}
      {error != null && <ErrorBox error={error} />}
      <div class="form-buttons">
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('common.submit')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/** What each party undertook in the agreement: as many as there are, each a party, its content and due date. */
function Obligations({ parties, value, onChange }: { parties: Schemas['MediationParty'][]; value: Obligation[]; onChange: (v: Obligation[]) => void }) {
  const set = (i: number, patch: Partial<Obligation>) => onChange(value.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <fieldset class="choices" data-field="obligations">
      <legend>{t('med.field.obligations')}</legend>
      {value.map((o, i) => (
        <div class="obligation" key={i}>
          <label>
            {t('med.obligation.party')}
            <select name={`obligation-${i}-party`} required value={o.partyId} onChange={(e) => set(i, { partyId: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('field.choose')}</option>
              {parties.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <label>
            {t('med.obligation.content')}
            <input name={`obligation-${i}-content`} required value={o.content} onInput={(e) => set(i, { content: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t('med.obligation.dueDate')}
            <input type="date" name={`obligation-${i}-due`} required value={o.dueDate} onInput={(e) => set(i, { dueDate: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="button" class="btn btn-link" onClick={() => onChange(value.filter((_, j) => j !== i))}>{t('adm.remove')}</button>
        </div>
      ))}
      <button type="button" class="btn" onClick={() => onChange([...value, { partyId: '', content: '', dueDate: '' }])}>{t('med.obligation.add')}</button>
    </fieldset>
  );
}
