import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { useKeyset } from '../components/Keyset';
import { formatTime, t, tv } from '../i18n';
import { Secret } from './AdminSecret';

type Webhook = Schemas['WebhookSubscription'];

/** A fresh Idempotency-Key: each press of a button is one request the API may see twice, never two. */
const idempotencyKey = () => crypto.randomUUID();

/** Webhook subscriptions (notices.md): list, create (secret once), rotate the secret, a test ping, the deliveries. */
export function AdminWebhooks() {
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [selected, setSelected] = useState<Webhook | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useKeyset('webhooks', async (cursor) =>
    unwrap(await api.GET('/api/v1/webhooks', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })));

  const act = async (what: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    try {
      await what();
    } catch (e) {
      setError(e);
    }
  };
  const rotate = (w: Webhook) => act(async () => {
    const rotated = unwrap(await api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id: w.id! } } }));
    setSecret({ title: t('adm.hooks.rotated', { url: w.url ?? '' }), secret: rotated.secret ?? '' });
    list.reload();
  });
  const ping = (w: Webhook) => act(async () => {
    unwrap(await api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id: w.id! }, header: { 'Idempotency-Key': idempotencyKey() } } }));
    setMessage(t('adm.hooks.pinged', { url: w.url ?? '' }));
    setSelected(w);
  });

  return (
    <div class="admin-tab">
      <CreateForm onCreated={(w) => { setSecret({ title: t('adm.hooks.created', { url: w.url ?? '' }), secret: w.secret ?? '' }); list.reload(); }} />
      {secret && <Secret title={secret.title} secret={secret.secret} testid="webhook-secret" onDone={() => setSecret(null)} />}
      <Section title={t('adm.hooks.title')} id="webhooks">
        {message && <p class="alert alert-ok" role="status">{message}</p>}
        {error != null && <ErrorBox error={error} />}
        {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
        {!list.error && !list.page && <Loading />}
        {list.page && (list.items.length === 0 ? <p class="muted" data-testid="empty">{t('adm.empty')}</p> : (
          <div class="table-wrap">
            <table class="cases" data-testid="webhooks">
              <thead>
                <tr>
                  <th scope="col">{t('adm.hooks.url')}</th>
                  <th scope="col">{t('adm.keys.partnerId')}</th>
                  <th scope="col">{t('adm.hooks.eventTypes')}</th>
                  <th scope="col">{t('adm.keys.state')}</th>
                  <th scope="col">{t('adm.created')}</th>
                  <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((w) => (
                  <tr key={w.id} data-webhook-id={w.id} class={selected?.id === w.id ? 'selected' : undefined}>
                    <td class="mono small break">{w.url}{w.description && <div class="muted">{w.description}</div>}</td>
                    <td class="mono">{w.partnerId}</td>
                    <td class="small mono">{(w.eventTypes ?? []).join(' ')}</td>
                    <td>
                      {w.active ? <span class="tag tag-green">{t('adm.keys.active')}</span>
                        : <span class="tag tag-red">{t('adm.hooks.disabled', { at: formatTime(w.disabledAt) })}</span>}
                      {w.previousSecretValidUntil && <div class="small muted">{t('adm.hooks.previousUntil', { at: formatTime(w.previousSecretValidUntil) })}</div>}
                    </td>
                    <td class="small">{formatTime(w.createdAt)}</td>
                    <td class="row-buttons">
                      <button type="button" class="btn" onClick={() => setSelected(w)}>{t('adm.hooks.deliveries')}</button>
                      <button type="button" class="btn" onClick={() => ping(w)}>{t('adm.hooks.test')}</button>
                      <button type="button" class="btn" onClick={() => rotate(w)}>{t('adm.hooks.rotate')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        {list.page && list.pager}
      </Section>
      {selected && <Deliveries key={selected.id} webhook={selected} />}
    </div>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useKeyset(webhook.id!, async (cursor) =>
    unwrap(await api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: webhook.id! }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } })));
  const redeliver = async (d: Schemas['WebhookDelivery']) => {
    setError(null);
    try {
      unwrap(await api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id: webhook.id!, deliveryId: d.id! }, header: { 'Idempotency-Key': idempotencyKey() } },
      }));
      setMessage(t('adm.hooks.redelivered', { type: d.eventType ?? '' }));
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section title={t('adm.hooks.deliveriesOf', { url: webhook.url ?? '' })} id="deliveries">
      <p><button type="button" class="btn" onClick={list.reload}>{t('adm.refresh')}</button></p>
      {message && <p class="alert alert-ok" role="status">{message}</p>}
      {error != null && <ErrorBox error={error} />}
      {list.error != null && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.error && !list.page && <Loading />}
      {list.page && (list.items.length === 0 ? <p class="muted" data-testid="empty">{t('adm.empty')}</p> : (
        <div class="table-wrap">
          <table class="cases" data-testid="deliveries">
            <thead>
              <tr>
                <th scope="col">{t('adm.created')}</th>
                <th scope="col">{t('adm.hooks.eventType')}</th>
                <th scope="col">{t('adm.keys.state')}</th>
                <th scope="col">{t('adm.hooks.attempts')}</th>
                <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => (
                <tr key={d.id}>
                  <td class="small">{formatTime(d.createdAt)}</td>
                  <td class="mono small">{d.eventType}<div class="muted">{d.address}</div></td>
                  <td>
                    <span class={`tag delivery-${d.status}`}>{tv('adm.delivery', d.status)}</span>
                    {d.nextAttemptAt && <div class="small muted">{t('adm.hooks.next', { at: formatTime(d.nextAttemptAt) })}</div>}
                    {d.lastError && <div class="small alert-error">{d.lastError}</div>}
                  </td>
                  <td class="small">
                    <ol class="attempts">
                      {(d.attempts ?? []).map((a, i) => (
                        <li key={i}>
                          {formatTime(a.at)} · {a.statusCode ?? t('common.none')} · {t('adm.hooks.latency', { ms: a.latencyMs ?? 0 })}
                          {a.error && <span class="alert-error"> · {a.error}</span>}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td><button type="button" class="btn" onClick={() => redeliver(d)}>{t('adm.hooks.redeliver')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {list.page && list.pager}
    </Section>
  );
}

function CreateForm({ onCreated }: { onCreated: (w: Webhook) => void }) {
  const empty = { url: '', eventTypes: 'org.civicsafety.incident.', description: '', partnerId: '' };
  const [body, setBody] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = unwrap(await api.POST('/api/v1/webhooks', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body: {
          url: body.url.trim(),
          eventTypes: body.eventTypes.split(/[\s,]+/).filter(Boolean),
          description: body.description.trim() || null,
          partnerId: body.partnerId.trim() || null,
        },
      }));
      setBody(empty);
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof typeof empty, label: string, required: boolean) => (
    <label>
      <span>{label}{required && <span class="muted"> {t('field.required')}</span>}</span>
      <input name={name} required={required} value={body[name]} onInput={(e) => setBody({ ...body, [name]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  return (
    <Section title={t('adm.hooks.create')} id="create-webhook">
      <form class="admin-form" data-form="create-webhook" onSubmit={submit}>
        <div class="grid2">
          {field('partnerId', t('adm.keys.partnerId'), true)}
          {field('url', t('adm.hooks.url'), true)}
          {field('eventTypes', t('adm.hooks.eventTypesHint'), true)}
          {field('description', t('adm.hooks.description'), false)}
        </div>
        {error != null && <ErrorBox error={error} />}
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" disabled={busy}>{t('adm.hooks.create')}</button>
        </div>
      </form>
    </Section>
  );
}
