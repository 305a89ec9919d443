import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { Due, ErrorBox, Loading } from '../components/common';
import { formatTime, lang, t, tv, type MessageKey } from '../i18n';
import { session } from '../session';

type Incident = Schemas['Incident'];
type Action = Schemas['Grid_Action'];
type Body = Schemas['TransitionRequest'];

interface Loaded {
  view: Incident;
  etag: string | null;
  history: Schemas['IncidentHistoryEntry'][];
}

async function load(id: string): Promise<Loaded> {
  const path = { params: { path: { id } } };
  const [viewResult, history] = await Promise.all([
    api.GET('/api/v1/incidents/{id}', path),
    api.GET('/api/v1/incidents/{id}/history', path).then(unwrap),
  ]);
  return { view: unwrap(viewResult), etag: viewResult.response.headers.get('ETag'), history: history.items ?? [] };
}

/** The fields each incident action takes (grid-service's workflow table): exactly these, required ones marked. */
type Field = 'reason' | 'note' | 'satisfaction';
const FIELDS: Record<Action, Field[]> = {
  START: [],
  REJECT: ['reason'],
  RESOLVE: ['note'],
  VERIFY: [],
  REOPEN: ['reason'],
  ESCALATE: ['reason'],
  CONFIRM: [],
  RATE: ['satisfaction'],
};
const SATISFACTION: Schemas['Satisfaction'][] = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'];

/** One incident beside the map: its facts, media, history and the actions the caller may take. */
export function IncidentPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  // what the last attempt came to: the action done, or a stale version (its words rendered in the language now chosen)
  const [notice, setNotice] = useState<{ kind: 'ok'; action: Action } | { kind: 'stale' } | null>(null);
  const reload = () => load(id).then(setData, setError);
  useEffect(() => {
    void reload();
  }, [id, lang.value]);

  const close = (
    <button type="button" class="btn btn-link" onClick={onClose}>
      ← {t('map.back')}
    </button>
  );
  if (error) return <section class="card">{close}<ErrorBox error={error} onRetry={() => { setError(null); void reload(); }} /></section>;
  if (!data) return <section class="card">{close}<Loading /></section>;
  const i = data.view;
  return (
    <section class="card incident-panel" aria-labelledby="incident-title" data-testid="incident" data-incident-state={i.state} data-incident-version={i.version}>
      {close}
      <h2 id="incident-title">
        {t('map.incident', { number: i.number ?? '' })}
      </h2>
      <p class="case-status">
        <span class="state" data-testid="incident-state">{tv('istate', i.state)}</span>
        <span class="tag" data-testid="incident-level">{tv('map.level', i.level)}</span>
        <Due dueAt={i.dueAt} overdue={i.overdue} />
      </p>
      {notice && (
        <p class={notice.kind === 'ok' ? 'alert alert-ok' : 'alert alert-warn'} role="status" data-testid="incident-notice">
          {notice.kind === 'ok' ? t('case.done', { action: tv('map.action', notice.action) }) : t('map.stale')}
        </p>
      )}
      <dl class="facts">
        <dt>{t('map.category')}</dt>
        <dd>{i.categoryName ?? i.categoryCode}</dd>
        <dt>{t('map.severity')}</dt>
        <dd>{tv('map.severity', i.severity)}</dd>
        <dt>{t('map.source')}</dt>
        <dd>{tv('map.source', i.source)}</dd>
        <dt>{t('col.area')}</dt>
        <dd class="mono">{i.areaCode}</dd>
        <dt>{t('col.unit')}</dt>
        <dd class="mono">{i.assignedUnit ?? t('common.none')}</dd>
        <dt>{t('map.address')}</dt>
        <dd>{i.address ?? `${i.lat?.toFixed(5)}, ${i.lon?.toFixed(5)}`}</dd>
        <dt>{t('map.reportedAt')}</dt>
        <dd>{formatTime(i.reportedAt)}</dd>
        {(i.reportCount ?? 1) > 1 && (
          <>
            <dt>{t('map.reports')}</dt>
            <dd>{i.reportCount}</dd>
          </>
        )}
      </dl>
      {i.description && <p class="content">{i.description}</p>}
      <h3>{t('case.actions')}</h3>
      <Actions data={data} onDone={(action) => { setNotice({ kind: 'ok', action }); void reload(); }}
        onStale={() => { setNotice({ kind: 'stale' }); void reload(); }} />
      {(i.media ?? []).length > 0 && (
        <>
          <h3>{t('map.media')}</h3>
          <ul class="media">
            {(i.media ?? []).map((m) => (
              <li key={m.id}>
                <Media media={m} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('case.history')}</h3>
      <ol class="timeline" data-testid="incident-history">
        {data.history.map((h, n) => (
          <li key={n}>
            <span class="when">{formatTime(h.at)} · {h.actor}{h.role && h.role !== h.actor ? ` (${tv('role', h.role)})` : ''}</span>
            <strong>{tv('map.action', h.action)}</strong>
            {h.fromState !== h.toState && h.toState && <span class="muted small">{tv('istate', h.fromState)} → {tv('istate', h.toState)}</span>}
            {h.fromLevel && h.toLevel && h.fromLevel !== h.toLevel && (
              <span class="muted small">{tv('map.level', h.fromLevel)} → {tv('map.level', h.toLevel)}{h.unit ? ` · ${h.unit}` : ''}</span>
            )}
            {h.note && <span class="note">{h.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A stored photo (fetched with the token, shown from a blob: URL) or a PDF to download. */
function Media({ media }: { media: Schemas['IncidentMedia'] }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    if (!media.url) return;
    fetch(media.url, { headers: { Authorization: `Bearer ${session.value!.token}` } })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((blob) => setHref((url = URL.createObjectURL(blob))), () => setHref(null));
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [media.url]);
  const label = `${formatTime(media.uploadedAt)} · ${Math.ceil((media.size ?? 0) / 1024)} KB`;
  if (!href) return <span class="muted small">{label}</span>;
  return media.contentType === 'application/pdf' ? (
    <a href={href} download={`${media.id}.pdf`}>{label}</a>
  ) : (
    <a href={href} target="_blank" rel="noopener">
      <img src={href} alt={t('map.photo', { at: formatTime(media.uploadedAt) })} class="thumb" />
    </a>
  );
}

function Actions({ data, onDone, onStale }: { data: Loaded; onDone: (action: Action) => void; onStale: () => void }) {
  const [open, setOpen] = useState<Action | null>(null);
  const allowed = data.view.allowedActions ?? [];
  if (allowed.length === 0) return <p class="muted">{t('case.actions.none')}</p>;
  return (
    <div class="actions">
      <div class="action-buttons">
        {allowed.map((a) => (
          <button key={a} type="button" class={open === a ? 'btn btn-primary' : 'btn'} data-action={a} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
            {tv('map.action', a)}
          </button>
        ))}
      </div>
      {open && (
        <TransitionForm key={open} action={open} data={data} onCancel={() => setOpen(null)}
          onDone={() => { setOpen(null); onDone(open); }} onStale={() => { setOpen(null); onStale(); }} />
      )}
    </div>
  );
}

function TransitionForm({ action, data, onDone, onStale, onCancel }: {
  action: Action; data: Loaded; onDone: () => void; onStale: () => void; onCancel: () => void;
}) {
  const [body, setBody] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = FIELDS[action];

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const request: Body = { action };
    if (body.reason?.trim()) request.reason = body.reason.trim();
    if (body.note?.trim()) request.note = body.note.trim();
    if (body.satisfaction) request.satisfaction = body.satisfaction as Schemas['Satisfaction'];
    try {
      const result = await api.POST('/api/v1/incidents/{id}/transitions', {
        params: { path: { id: data.view.id! }, header: data.etag ? { 'If-Match': data.etag } : {} },
        body: request,
      });
      if (result.response.status === 412) {
        onStale();
        return;
      }
      unwrap(result);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const set = (field: Field) => (e: Event) => setBody({ ...body, [field]: (e.target as HTMLInputElement).value });
  return (
    <form class="action-form" data-form={action} onSubmit={submit}>
      <h3>{tv('map.action', action)}</h3>
      {fields.map((field) => (
        <label key={field}>
          <span>
            {t(`field.${field}` as MessageKey)}
            <span class="muted"> {t('field.required')}</span>
          </span>
          {field === 'satisfaction' ? (
            <select name="satisfaction" required value={body.satisfaction ?? ''} onChange={set(field)}>
              <option value="">{t('field.choose')}</option>
              {SATISFACTION.map((s) => (
                <option key={s} value={s}>{tv('satisfaction', s)}</option>
              ))}
            </select>
          ) : (
            <textarea name={field} required rows={2} value={body[field] ?? ''} onInput={set(field)} />
          )}
        </label>
      ))}
      {error != null && <ErrorBox error={error} />}
      <div class="form-buttons">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('common.submit')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
