import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { useKeyset } from '../components/Keyset';
import { t, tv } from '../i18n';
import { session } from '../session';

type Unit = Schemas['Unit'];

/** The unit directory (grid.md "Units") and, for admins, each unit's notice channels (notices.md). */
export function AdminUnits() {
  const admin = session.value!.user.roles.includes('admin');
  const [areaCode, setAreaCode] = useState('');
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Unit | null>(null);
  const list = useKeyset(filter, async (cursor) =>
    unwrap(await api.GET('/api/v1/units', { params: { query: { limit: 20, ...(filter ? { areaCode: filter } : {}), ...(cursor ? { cursor } : {}) } } })));

  return (
    <div class="admin-tab">
      <Section title={t('adm.units.title')} id="units">
        <form class="inline-filters" onSubmit={(e) => { e.preventDefault(); setFilter(areaCode.trim()); }}>
          <label>
            {t('ledger.areaCode')}
            <input name="areaFilter" value={areaCode} onInput={(e) => setAreaCode((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="btn">{t('ledger.apply')}</button>
        </form>
        {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!list.error && !list.page && <Loading />}
        {list.page && (list.items.length === 0 ? <p class="muted" data-testid="empty">{t('adm.empty')}</p> : (
          <div class="table-wrap">
            <table class="cases" data-testid="units">
              <thead>
                <tr>
                  <th scope="col">{t('adm.units.id')}</th>
                  <th scope="col">{t('adm.keys.name')}</th>
                  <th scope="col">{t('adm.units.kind')}</th>
                  <th scope="col">{t('ledger.areaCode')}</th>
                  <th scope="col">{t('adm.keys.state')}</th>
                  {admin && <th scope="col">{t('adm.units.channels')}</th>}
                  {admin && <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {list.items.map((u) => (
                  <tr key={u.id} data-unit-id={u.id} class={editing?.id === u.id ? 'selected' : undefined}>
                    <td class="mono">{u.id}</td>
                    <td>{u.name}{u.nameEn && <div class="muted small">{u.nameEn}</div>}</td>
                    <td>{tv('adm.unitKind', u.kind)}</td>
                    <td class="mono">{u.areaCode}</td>
                    <td>{u.active ? t('adm.keys.active') : t('adm.inactive')}</td>
                    {admin && (
                      <td class="small break">
                        {u.noticeChannels?.email && <div>✉ {u.noticeChannels.email}</div>}
                        {u.noticeChannels?.webhookUrl && <div class="mono">↗ {u.noticeChannels.webhookUrl}</div>}
                        {!u.noticeChannels?.email && !u.noticeChannels?.webhookUrl && <span class="muted">{t('adm.units.inboxOnly')}</span>}
                      </td>
                    )}
                    {admin && <td><button type="button" class="btn" onClick={() => setEditing(u)}>{t('adm.units.edit')}</button></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        {list.page && list.pager}
      </Section>
      {editing && <ChannelsForm key={editing.id} unit={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />}
    </div>
  );
}

/** A unit's channels, read with their version and written with If-Match (a change in between is explained). */
function ChannelsForm({ unit, onSaved, onClose }: { unit: Unit; onSaved: () => void; onClose: () => void }) {
  const [channels, setChannels] = useState<{ email: string; webhookUrl: string } | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const load = () =>
    api.GET('/api/v1/units/{id}/notice-channels', { params: { path: { id: unit.id! } } }).then((r) => {
      const c = unwrap(r);
      setEtag(r.response.headers.get('ETag'));
      setChannels({ email: c.email ?? '', webhookUrl: c.webhookUrl ?? '' });
    }, setError);
  useEffect(() => void load(), [unit.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setStale(false);
    try {
      const result = await api.PUT('/api/v1/units/{id}/notice-channels', {
        params: { path: { id: unit.id! }, header: etag ? { 'If-Match': etag } : {} },
        body: { email: channels!.email.trim() || null, webhookUrl: channels!.webhookUrl.trim() || null },
      });
      if (result.response.status === 412) {
        setStale(true);
        void load();
        return;
      }
      unwrap(result);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('adm.units.channelsOf', { unit: unit.name ?? unit.id ?? '' })} id="channels">
      {!channels && !error && <Loading />}
      {stale && <p class="alert alert-warn" role="status">{t('adm.stale')}</p>}
      {channels && (
        <form class="admin-form" data-form="channels" onSubmit={submit}>
          <p class="muted small">{t('adm.units.channelsHint')}</p>
          <div class="grid2">
            <label>
              {t('adm.units.email')}
              <input type="email" name="email" value={channels.email} onInput={(e) => setChannels({ ...channels, email: (e.target as HTMLInputElement).value })} />
            </label>
            <label>
              {t('adm.units.webhookUrl')}
              <input type="url" name="webhookUrl" value={channels.webhookUrl} onInput={(e) => setChannels({ ...channels, webhookUrl: (e.target as HTMLInputElement).value })} />
            </label>
          </div>
          <div class="form-buttons">
            <button type="submit" class="btn btn-primary">{t('adm.save')}</button>
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {error != null && <ErrorBox error={error} />}
    </Section>
  );
}
