import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { useKeyset } from '../components/Keyset';
import { lang, t, tv } from '../i18n';

type Mediator = Schemas['Mediator'];
type Body = Schemas['MediatorBody'];
interface Filters { areaCode: string; active: '' | 'true' | 'false'; q: string }

/** The mediator directory (mediation.md): an admin anywhere, a supervisor in their area; list, add, edit. */
export function AdminMediators() {
  const [draft, setDraft] = useState<Filters>({ areaCode: '', active: '', q: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [editing, setEditing] = useState<Mediator | 'new' | null>(null);
  const list = useKeyset(JSON.stringify(filters), async (cursor) =>
    unwrap(await api.GET('/api/v1/mediators', {
      params: {
        query: {
          limit: 20,
          ...(filters.areaCode ? { areaCode: filters.areaCode } : {}),
          ...(filters.active ? { active: filters.active === 'true' } : {}),
          ...(filters.q ? { q: filters.q } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    })));

  return (
    <div class="admin-tab">
      <Section title={t('adm.med.title')} id="mediators">
        <form class="inline-filters" onSubmit={(e) => { e.preventDefault(); setFilters({ ...draft, areaCode: draft.areaCode.trim(), q: draft.q.trim() }); }}>
          <label>
            {t('ledger.q')}
            <input name="q" value={draft.q} onInput={(e) => setDraft({ ...draft, q: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t('ledger.areaCode')}
            <input name="areaFilter" value={draft.areaCode} onInput={(e) => setDraft({ ...draft, areaCode: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t('adm.keys.state')}
            <select name="active" value={draft.active} onChange={(e) => setDraft({ ...draft, active: (e.target as HTMLSelectElement).value as Filters['active'] })}>
              <option value="">{t('ledger.any')}</option>
              <option value="true">{t('adm.keys.active')}</option>
              <option value="false">{t('adm.inactive')}</option>
            </select>
          </label>
          <button type="submit" class="btn">{t('ledger.apply')}</button>
          <button type="button" class="btn btn-primary" data-action="add-mediator" onClick={() => setEditing('new')}>{t('adm.med.add')}</button>
        </form>
        {editing && (
          <MediatorForm key={editing === 'new' ? 'new' : editing.id} mediator={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />
        )}
        {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!list.error && !list.page && <Loading />}
        {list.page && (list.items.length === 0 ? <p class="muted" data-testid="empty">{t('adm.empty')}</p> : (
          <div class="table-wrap">
            <table class="cases" data-testid="mediators">
              <thead>
                <tr>
                  <th scope="col">{t('adm.keys.name')}</th>
                  <th scope="col">{t('adm.med.committee')}</th>
                  <th scope="col">{t('ledger.areaCode')}</th>
                  <th scope="col">{t('adm.med.specialties')}</th>
                  <th scope="col">{t('adm.med.account')}</th>
                  <th scope="col">{t('adm.keys.state')}</th>
                  <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((m) => (
                  <tr key={m.id} data-mediator-id={m.id}>
                    <td>{m.name}</td>
                    <td>{m.committee}</td>
                    <td class="mono">{m.areaCode}</td>
                    <td class="small">{(m.specialties ?? []).map((x) => tv('med.dispute', x)).join(lang.value === 'en' ? ', ' : '、')}</td>
                    <td class="mono small">{m.userId ?? t('common.none')}{m.unitId && <div class="muted">{m.unitId}</div>}</td>
                    <td>{m.active ? t('adm.keys.active') : t('adm.inactive')}</td>
                    <td><button type="button" class="btn" onClick={() => setEditing(m)}>{t('adm.units.edit')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        {list.page && list.pager}
      </Section>
    </div>
  );
}

/** Adds a mediator, or replaces one's entry with If-Match on the version it was read at. */
function MediatorForm({ mediator, onSaved, onClose }: { mediator: Mediator | null; onSaved: () => void; onClose: () => void }) {
  const [body, setBody] = useState({
    name: mediator?.name ?? '',
    committee: mediator?.committee ?? '',
    areaCode: mediator?.areaCode ?? '',
    specialties: (mediator?.specialties ?? []).join(', '),
    active: mediator?.active ?? true,
    unitId: mediator?.unitId ?? '',
    userId: mediator?.userId ?? '',
  });
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setStale(false);
    const request: Body = {
      name: body.name.trim(),
      committee: body.committee.trim(),
      areaCode: body.areaCode.trim(),
      specialties: body.specialties.split(/[,，\s]+/).filter(Boolean),
      active: body.active,
      unitId: body.unitId.trim() || undefined,
      userId: body.userId.trim() || undefined,
    };
    try {
      if (mediator) {
        const result = await api.PUT('/api/v1/mediators/{id}', {
          params: { path: { id: mediator.id! }, header: { 'If-Match': `"${mediator.version}"` } },
          body: request,
        });
        if (result.response.status === 412) {
          setStale(true);
          return;
        }
        unwrap(result);
      } else {
        unwrap(await api.POST('/api/v1/mediators', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body: request }));
      }
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const text = (name: 'name' | 'committee' | 'areaCode' | 'specialties' | 'unitId' | 'userId', label: string, required = false) => (
    <label>
      <span>{label}{required && <span class="muted"> {t('field.required')}</span>}</span>
      <input name={name} required={required} value={body[name]} onInput={(e) => setBody({ ...body, [name]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  return (
    <form class="admin-form card inset" data-form={mediator ? 'edit-mediator' : 'add-mediator'} onSubmit={submit}>
      <h3>{mediator ? t('adm.med.edit', { name: mediator.name ?? '' }) : t('adm.med.add')}</h3>
      {stale && <p class="alert alert-warn" role="status">{t('adm.med.stale')}</p>}
      <div class="grid3">
        {text('name', t('adm.keys.name'), true)}
        {text('committee', t('adm.med.committee'), true)}
        {text('areaCode', t('ledger.areaCode'), true)}
        {text('specialties', t('adm.med.specialtiesHint'))}
        {text('unitId', t('adm.med.unitId'))}
        {text('userId', t('adm.med.userId'))}
      </div>
      <label class="check">
        <input type="checkbox" name="active" checked={body.active} onChange={(e) => setBody({ ...body, active: (e.target as HTMLInputElement).checked })} />
        {t('adm.med.activeHint')}
      </label>
      {error != null && <ErrorBox error={error} />}
      <div class="form-buttons">
        <button type="submit" class="btn btn-primary">{t('adm.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
