import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { useKeyset } from '../components/Keyset';
import { formatTime, t } from '../i18n';
import { Secret } from './AdminSecret';

type Issued = Schemas['IssuedPartnerKey'];

/** Partner API keys (gateway.md): issue one (its key shown once), see prefix and state, revoke. */
export function AdminPartnerKeys() {
  const [partnerId, setPartnerId] = useState('');
  const [filter, setFilter] = useState('');
  const [issued, setIssued] = useState<Issued | null>(null);
  const list = useKeyset(filter, async (cursor) =>
    unwrap(await api.GET('/api/v1/partner-keys', { params: { query: { limit: '20', ...(filter ? { partnerId: filter } : {}), ...(cursor ? { cursor } : {}) } } })));

  return (
    <div class="admin-tab">
      <IssueForm onIssued={(k) => { setIssued(k); list.reload(); }} />
      {issued && (
        <Secret title={t('adm.keys.issued', { partner: issued.partnerId ?? '' })} secret={issued.apiKey ?? ''} testid="issued-key"
          onDone={() => setIssued(null)} />
      )}
      <Section title={t('adm.keys.title')} id="keys">
        <form class="inline-filters" onSubmit={(e) => { e.preventDefault(); setFilter(partnerId.trim()); }}>
          <label>
            {t('adm.keys.partnerId')}
            <input name="partnerFilter" value={partnerId} onInput={(e) => setPartnerId((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="btn">{t('ledger.apply')}</button>
        </form>
        {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!list.error && !list.page && <Loading />}
        {list.page && (list.items.length === 0 ? <p class="muted" data-testid="empty">{t('adm.empty')}</p> : (
          <div class="table-wrap">
            <table class="cases" data-testid="partner-keys">
              <thead>
                <tr>
                  <th scope="col">{t('adm.keys.prefix')}</th>
                  <th scope="col">{t('adm.keys.partnerId')}</th>
                  <th scope="col">{t('adm.keys.name')}</th>
                  <th scope="col">{t('adm.keys.categories')}</th>
                  <th scope="col">{t('adm.created')}</th>
                  <th scope="col">{t('adm.keys.lastUsed')}</th>
                  <th scope="col">{t('adm.keys.state')}</th>
                  <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((k) => <KeyRow key={k.id} k={k} onRevoked={list.reload} />)}
              </tbody>
            </table>
          </div>
        ))}
        {list.page && list.pager}
      </Section>
    </div>
  );
}

function KeyRow({ k, onRevoked }: { k: Schemas['PartnerKeyView']; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const revoke = async () => {
    try {
      unwrap(await api.DELETE('/api/v1/partner-keys/{id}', { params: { path: { id: k.id! } } }));
      setConfirming(false);
      onRevoked();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr data-key-id={k.id} data-active={String(k.active)}>
      <td class="mono" data-testid="key-prefix">{k.keyPrefix}…</td>
      <td class="mono">{k.partnerId}</td>
      <td>{k.name ?? t('common.none')}</td>
      <td class="small">{(k.categories ?? []).join(', ')}</td>
      <td class="small">{formatTime(k.createdAt)}<br /><span class="muted">{k.createdBy}</span></td>
      <td class="small" data-testid="key-last-used">{k.lastUsedAt ? formatTime(k.lastUsedAt) : t('adm.keys.neverUsed')}</td>
      <td data-testid="key-state">
        {k.active ? <span class="tag tag-green">{t('adm.keys.active')}</span>
          : <span class="tag tag-red">{t('adm.keys.revoked', { at: formatTime(k.revokedAt) })}</span>}
      </td>
      <td>
        {k.active && !confirming && (
          <button type="button" class="btn" data-action="revoke" onClick={() => setConfirming(true)}>{t('adm.keys.revoke')}</button>
        )}
        {confirming && (
          <span class="confirm" role="group" aria-label={t('adm.keys.revokeConfirm')}>
            <span class="small">{t('adm.keys.revokeConfirm')}</span>{' '}
            <button type="button" class="btn btn-danger" data-action="confirm-revoke" onClick={revoke}>{t('adm.confirm')}</button>{' '}
            <button type="button" class="btn" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </span>
        )}
        {error != null && <ErrorBox error={error} />}
      </td>
    </tr>
  );
}

function IssueForm({ onIssued }: { onIssued: (k: Issued) => void }) {
  const [body, setBody] = useState({ partnerId: '', name: '', categories: [] as string[] });
  const [categories, setCategories] = useState<Schemas['Category'][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.GET('/api/v1/categories').then((r) => setCategories(unwrap(r).items ?? []), setError);
  }, []);
  const toggle = (code: string, on: boolean) =>
    setBody({ ...body, categories: on ? [...body.categories, code] : body.categories.filter((c) => c !== code) });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const issued = unwrap(await api.POST('/api/v1/partner-keys', {
        body: { partnerId: body.partnerId.trim(), name: body.name.trim() || undefined, categories: body.categories },
      }));
      setBody({ partnerId: '', name: '', categories: [] });
      onIssued(issued);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('adm.keys.issue')} id="issue-key">
      <form class="admin-form" data-form="issue-key" onSubmit={submit}>
        <div class="grid2">
          <label>
            <span>{t('adm.keys.partnerId')}<span class="muted"> {t('field.required')}</span></span>
            <input name="partnerId" required value={body.partnerId} onInput={(e) => setBody({ ...body, partnerId: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t('adm.keys.name')}
            <input name="name" value={body.name} onInput={(e) => setBody({ ...body, name: (e.target as HTMLInputElement).value })} />
          </label>
        </div>
        <fieldset class="choices">
          <legend>{t('adm.keys.categories')}<span class="muted"> {t('field.required')}</span></legend>
          {!categories && !error && <Loading />}
          {(categories ?? []).map((c) => (
            <label class="check" key={c.code}>
              <input type="checkbox" name="category" value={c.code} checked={body.categories.includes(c.code!)}
                onChange={(e) => toggle(c.code!, (e.target as HTMLInputElement).checked)} />
              {c.name} <span class="muted small mono">{c.code}</span>
            </label>
          ))}
        </fieldset>
        {error != null && <ErrorBox error={error} />}
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" disabled={busy || body.categories.length === 0}>{t('adm.keys.issue')}</button>
        </div>
      </form>
    </Section>
  );
}
