import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { Due, ErrorBox, Loading, Section } from '../components/common';
import { formatDate, formatTime, t, tv, type MessageKey } from '../i18n';
import { linkProps } from '../router';
import { session } from '../session';
import { Flags } from './CaseLedger';

type Case = Schemas['CaseView'];
type Action = Schemas['Action'];
type Body = Schemas['TransitionBody'];

/** Everything the case page shows, loaded together. */
interface Loaded {
  view: Case;
  etag: string | null;
  history: Schemas['CaseHistoryEntry'][];
  notices: Schemas['WrittenNoticeItem'][];
  supervisions: Schemas['CaseSupervision'][];
}

async function load(id: string): Promise<Loaded> {
  const path = { path: { id } };
  const [viewResult, history, notices, supervisions] = await Promise.all([
    api.GET('/api/v1/cases/{id}', { params: path }),
    api.GET('/api/v1/cases/{id}/history', { params: path }).then(unwrap),
    api.GET('/api/v1/cases/{id}/written-notices', { params: path }).then(unwrap),
    api.GET('/api/v1/cases/{id}/supervisions', { params: path }).then(unwrap),
  ]);
  return {
    view: unwrap(viewResult),
    etag: viewResult.response.headers.get('ETag'),
    history: history.items ?? [],
    notices: notices.items ?? [],
    supervisions: supervisions.items ?? [],
  };
}

/** The fields each action needs (cases-service's transition table): exactly these, required ones marked. */
type Field = 'unitId' | 'note' | 'channel' | 'reason' | 'decision' | 'text' | 'days' | 'satisfaction' | 'comment' | 'mergeInto'
  | 'mediationType' | 'respondentName' | 'respondentPhone' | 'mediatorId';
const FIELDS: Record<Action, { field: Field; required: boolean }[]> = {
  ASSIGN: [{ field: 'unitId', required: true }, { field: 'note', required: false }],
  DIVERT: [{ field: 'channel', required: true }, { field: 'note', required: false }],
  // the petitioner is the applicant; the respondent and a mediator of the directory complete the mediation
  REFER_TO_MEDIATION: [{ field: 'mediationType', required: true }, { field: 'respondentName', required: true },
    { field: 'respondentPhone', required: false }, { field: 'mediatorId', required: true }, { field: 'note', required: false }],
  NOT_ACCEPT: [{ field: 'reason', required: true }],
  MERGE: [{ field: 'mergeInto', required: true }, { field: 'note', required: false }],
  OVERRIDE_REPEAT: [{ field: 'reason', required: true }],
  ACCEPT: [{ field: 'note', required: false }],
  DECLINE: [{ field: 'reason', required: true }],
  OBJECT: [{ field: 'reason', required: true }],
  ANSWER: [{ field: 'decision', required: true }, { field: 'text', required: true }],
  EXTEND: [{ field: 'days', required: true }, { field: 'reason', required: true }],
  ACCEPT_ANSWER: [],
  RATE: [{ field: 'satisfaction', required: true }, { field: 'comment', required: false }],
  REQUEST_REVIEW: [{ field: 'reason', required: false }],
  ANSWER_REVIEW: [{ field: 'decision', required: true }, { field: 'text', required: true }],
  REQUEST_RE_REVIEW: [{ field: 'reason', required: false }],
  ANSWER_RE_REVIEW: [{ field: 'decision', required: true }, { field: 'text', required: true }],
  START_HEARING: [{ field: 'note', required: false }],
  END_HEARING: [{ field: 'note', required: false }],
};
const MEDIATION_TYPES: Schemas['MediationType'][] = ['PEOPLES', 'ADMINISTRATIVE', 'JUDICIAL'];
const DIVERT: Schemas['DivertChannel'][] = ['LITIGATION', 'ARBITRATION', 'ADMINISTRATIVE_REVIEW', 'DISCIPLINE_INSPECTION'];
const DECISIONS: Schemas['Decision'][] = ['SUPPORT', 'EXPLAIN', 'NOT_SUPPORT'];
const SATISFACTION: Schemas['Satisfaction'][] = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'];
const DEADLINES: (keyof Schemas['CaseDeadlines'])[] = ['triage', 'acceptance', 'objection', 'handling', 'answerWindow',
  'review', 'reviewWindow', 'reReview'];

export function CasePage({ id }: { id: string }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'stale'; text: string } | null>(null);
  const reload = () => load(id).then(setData, setError);
  useEffect(() => {
    void reload();
  }, [id]);

  if (error) return <main id="main" class="page"><ErrorBox error={error} onRetry={() => { setError(null); void reload(); }} /></main>;
  if (!data) return <main id="main" class="page"><Loading /></main>;
  const c = data.view;
  const roles = session.value!.user.roles;
  const supervisor = roles.includes('supervisor');

  return (
    <main id="main" class="page casepage" data-case-state={c.state} data-case-version={c.version}>
      <p>
        <a {...linkProps('/cases')}>← {t('case.back')}</a>
      </p>
      <h1>
        {t('case.title', { number: c.number ?? '' })} <span class="case-title">{c.title}</span>
      </h1>
      <p class="case-status">
        <span class={`state state-${c.state}`} data-testid="case-state">
          {tv('state', c.state)}
        </span>
        {c.stage && <span class="muted"> · {tv('stage', c.stage)}</span>} <Due dueAt={c.dueAt} overdue={c.flags?.overdue} />{' '}
        <Flags item={c} />
      </p>
      {notice && (
        <p class={notice.kind === 'stale' ? 'alert alert-warn' : 'alert alert-ok'} role="status" data-testid="case-notice">
          {notice.text}
        </p>
      )}
      <div class="columns">
        <div class="col-main">
          <Section title={t('case.facts')} id="facts">
            <dl class="facts">
              <dt>{t('case.channel')}</dt>
              <dd>{tv('channel', c.channel)}</dd>
              <dt>{t('case.type')}</dt>
              <dd>{tv('type', c.type)}</dd>
              <dt>{t('case.area')}</dt>
              <dd class="mono">{c.areaCode}</dd>
              <dt>{t('case.unit')}</dt>
              <dd class="mono" data-testid="case-unit">{c.unitId ?? t('common.none')}</dd>
              <dt>{t('case.created')}</dt>
              <dd>{formatTime(c.createdAt)}</dd>
              {c.groupSize != null && c.groupSize > 1 && (
                <>
                  <dt>{t('case.groupSize')}</dt>
                  <dd>{c.groupSize}</dd>
                </>
              )}
            </dl>
            {c.repeatOf && (
              <p>
                {t('case.repeatOf')} <a {...linkProps(`/cases/${c.repeatOf}`)}>{c.repeatOfProgress?.number ?? c.repeatOf}</a>
              </p>
            )}
            <h3>{t('case.content')}</h3>
            <p class="content">{c.content}</p>
            <h3>{t('case.petitioner')}</h3>
            {c.petitioner ? (
              <dl class="facts" data-testid="petitioner">
                <dt>{t('case.name')}</dt>
                <dd>{c.petitioner.name}</dd>
                <dt>{t('case.phone')}</dt>
                <dd>{c.petitioner.phone ?? t('common.none')}</dd>
                <dt>{t('case.idNumber')}</dt>
                <dd>{c.petitioner.idNumber ?? t('common.none')}</dd>
                <dt>{t('case.address')}</dt>
                <dd>{c.petitioner.address ?? t('common.none')}</dd>
              </dl>
            ) : (
              <p class="muted">{t('case.petitioner.absent')}</p>
            )}
            {c.answerText && (
              <>
                <h3>{t('case.answer')}</h3>
                <p>
                  <strong>{t('case.decision')}</strong> {tv('decision', c.decision)}
                </p>
                <p class="content" data-testid="answer-text">{c.answerText}</p>
              </>
            )}
            {c.extension && <p>{t('case.extension', { days: c.extension.days ?? 0, reason: c.extension.reason ?? '' })}</p>}
          </Section>
          <Section title={t('case.history')} id="history">
            <ol class="timeline" data-testid="history">
              {data.history.map((h) => (
                <li key={h.id}>
                  <span class="when">{formatTime(h.at)}</span>
                  <span class="what">
                    <strong>{historyLabel(h.action)}</strong>
                    {h.toState && h.fromState !== h.toState && (
                      <span class="muted"> → {tv('state', h.toState)}</span>
                    )}
                  </span>
                  <span class="who muted">
                    {h.actor} ({tv('role', h.role)})
                  </span>
                  {h.note && <span class="note">{h.note}</span>}
                </li>
              ))}
            </ol>
          </Section>
        </div>
        <div class="col-side">
          <Section title={t('case.actions')} id="actions">
            <Actions data={data} onDone={(text) => { setNotice({ kind: 'ok', text }); void reload(); }}
              onStale={() => { setNotice({ kind: 'stale', text: t('case.stale') }); void reload(); }} supervisor={supervisor} />
          </Section>
          <Section title={t('case.deadlines')} id="deadlines">
            <dl class="facts">
              {DEADLINES.filter((d) => c.deadlines?.[d]).map((d) => (
                <Fragment key={d}>
                  <dt>{t(`deadline.${d}` as MessageKey)}</dt>
                  <dd>
                    <Due dueAt={c.deadlines?.[d]} overdue={false} />
                  </dd>
                </Fragment>
              ))}
            </dl>
          </Section>
          {c.backlog && (c.backlog.leader || c.flags?.backlog) && (
            <Section title={t('case.backlog')} id="backlog">
              <dl class="facts">
                <dt>{t('case.backlog.leader')}</dt>
                <dd>{c.backlog.leader ?? t('common.none')}</dd>
                <dt>{t('case.backlog.plan')}</dt>
                <dd>{c.backlog.plan ?? t('common.none')}</dd>
                <dt>{t('case.backlog.target')}</dt>
                <dd>{formatDate(c.backlog.targetDate)}</dd>
              </dl>
            </Section>
          )}
          <Section title={t('case.notices')} id="written">
            {data.notices.length === 0 ? (
              <p class="muted">{t('common.none')}</p>
            ) : (
              <ul class="plain">
                {data.notices.map((n) => (
                  <li key={n.id}>
                    <Download url={n.url} name={`${n.title ?? 'notice'}.pdf`} label={n.title ?? ''} /> <span class="muted small">{formatTime(n.issuedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('case.attachments')} id="attachments">
            {(c.attachments ?? []).length === 0 ? (
              <p class="muted">{t('common.none')}</p>
            ) : (
              <ul class="plain">
                {(c.attachments ?? []).map((a) => (
                  <li key={a.id}>
                    <Download url={a.url} name={a.filename ?? 'file'} label={a.filename ?? ''} /> <span class="muted small">{Math.ceil((a.size ?? 0) / 1024)} KB</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('case.supervisions')} id="supervisions">
            {data.supervisions.length === 0 ? (
              <p class="muted">{t('common.none')}</p>
            ) : (
              <ul class="plain">
                {data.supervisions.map((s) => (
                  <li key={s.id}>
                    <span class="muted small">{formatTime(s.at)} · {s.actor}</span>
                    <div>{s.note}</div>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </main>
  );
}

/** A history entry's action: its own words (REGISTER, OVERDUE, ...) or those of the transition it records. */
function historyLabel(action: string | undefined): string {
  if (!action) return '';
  const own = tv('history', action);
  return own !== action ? own : tv('action', action);
}

/** A file the API serves to signed-in callers: fetched with the token, then saved. */
function Download({ url, name, label }: { url?: string; name: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  if (!url) return <span>{label}</span>;
  const save = async (e: Event) => {
    e.preventDefault();
    const response = await fetch(url, { headers: { Authorization: `Bearer ${session.value!.token}` } });
    if (!response.ok) {
      setError(String(response.status));
      return;
    }
    const href = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  return (
    <>
      <a href={url} onClick={save}>
        {label}
      </a>
      {error && <span class="alert-error small"> {error}</span>}
    </>
  );
}

function Actions({ data, onDone, onStale, supervisor }: {
  data: Loaded; onDone: (text: string) => void; onStale: () => void; supervisor: boolean;
}) {
  const [open, setOpen] = useState<Action | 'BACKLOG' | 'SUPERVISE' | null>(null);
  const allowed = data.view.allowedActions ?? [];
  // a supervisor names the leader of an open case and adds supervision notes (cases.md "Backlog and supervision")
  const isOpen = data.view.state && !['FINAL', 'NOT_ACCEPTED', 'DIVERTED', 'DECLINED', 'MERGED'].includes(data.view.state);
  const extra: ('BACKLOG' | 'SUPERVISE')[] = supervisor && isOpen ? ['BACKLOG', 'SUPERVISE'] : [];
  if (allowed.length === 0 && extra.length === 0) return <p class="muted">{t('case.actions.none')}</p>;
  return (
    <div class="actions">
      <div class="action-buttons">
        {[...allowed, ...extra].map((a) => (
          <button key={a} type="button" class={open === a ? 'btn btn-primary' : 'btn'} data-action={a} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
            {tv('action', a)}
          </button>
        ))}
      </div>
      {open === 'BACKLOG' && (
        <BacklogForm data={data} onCancel={() => setOpen(null)}
          onDone={(text) => { setOpen(null); onDone(text); }} onStale={() => { setOpen(null); onStale(); }} />
      )}
      {open === 'SUPERVISE' && (
        <SuperviseForm data={data} onCancel={() => setOpen(null)} onDone={(text) => { setOpen(null); onDone(text); }} />
      )}
      {open && open !== 'BACKLOG' && open !== 'SUPERVISE' && (
        <TransitionForm key={open} action={open} data={data} onCancel={() => setOpen(null)}
          onDone={(text) => { setOpen(null); onDone(text); }} onStale={() => { setOpen(null); onStale(); }} />
      )}
    </div>
  );
}

function TransitionForm({ action, data, onDone, onStale, onCancel }: {
  action: Action; data: Loaded; onDone: (text: string) => void; onStale: () => void; onCancel: () => void;
}) {
  const [body, setBody] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<Schemas['Unit'][] | null>(null);
  const [mediators, setMediators] = useState<Schemas['Mediator'][] | null>(null);
  const fields = FIELDS[action];

  useEffect(() => {
    if (!fields.some((f) => f.field === 'unitId')) return;
    // the units of the signed-in person's area (the API includes the sub-areas' units)
    const area = session.value!.user.area;
    api.GET('/api/v1/units', { params: { query: { limit: 500, ...(area ? { areaCode: area } : {}) } } })
      .then((r) => setUnits((unwrap(r).items ?? []).filter((u) => u.active)), setError);
  }, [action]);

  useEffect(() => {
    if (!fields.some((f) => f.field === 'mediatorId')) return;
    // the active mediators where the case is (the directory includes the sub-areas')
    api.GET('/api/v1/mediators', { params: { query: { limit: 500, active: true, areaCode: data.view.areaCode } } })
      .then((r) => setMediators(unwrap(r).items ?? []), setError);
  }, [action]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const request: Body = { action };
    for (const { field } of fields) {
      const value = body[field]?.trim();
      if (!value) continue;
      if (field === 'days') request.days = Number(value);
      else if (field === 'unitId') {
        request.unitId = value;
        request.unitAreaCode = units?.find((u) => u.id === value)?.areaCode;
      } else if (field === 'channel') request.channel = value as Schemas['DivertChannel'];
      else if (field === 'decision') request.decision = value as Schemas['Decision'];
      else if (field === 'satisfaction') request.satisfaction = value as Schemas['Satisfaction'];
      else if (field === 'mediationType') request.type = value as Schemas['MediationType'];
      // the name is required and comes first, so the phone is added to the respondent it made
      else if (field === 'respondentName') request.respondent = { name: value };
      else if (field === 'respondentPhone') request.respondent = { ...request.respondent!, phone: value };
      else if (field === 'mediatorId') request.mediators = [value];
      else request[field] = value;
    }
    try {
      const result = await api.POST('/api/v1/cases/{id}/transitions', {
        params: { path: { id: data.view.id! }, header: data.etag ? { 'If-Match': data.etag } : {} },
        body: request,
      });
      if (result.response.status === 412) {
        onStale();
        return;
      }
      unwrap(result);
      onDone(t('case.done', { action: tv('action', action) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field, required: boolean) => {
    const label = (
      <span>
        {t(`field.${field}` as MessageKey)}
        {required && <span class="muted"> {t('field.required')}</span>}
      </span>
    );
    const set = (e: Event) => setBody({ ...body, [field]: (e.target as HTMLInputElement).value });
    const choose = (values: string[], prefix: string) => (
      <select name={field} required={required} value={body[field] ?? ''} onChange={set}>
        <option value="">{t('field.choose')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {tv(prefix, v)}
          </option>
        ))}
      </select>
    );
    let control;
    if (field === 'unitId') {
      control = (
        <select name="unitId" required={required} value={body.unitId ?? ''} onChange={set}>
          <option value="">{units ? t('field.choose') : t('loading')}</option>
          {(units ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.id})
            </option>
          ))}
        </select>
      );
    } else if (field === 'mediatorId') {
      control = (
        <select name="mediatorId" required={required} value={body.mediatorId ?? ''} onChange={set}>
          <option value="">{mediators ? t('field.choose') : t('loading')}</option>
          {(mediators ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}（{m.committee}）
            </option>
          ))}
        </select>
      );
    } else if (field === 'channel') control = choose(DIVERT, 'divert');
    else if (field === 'mediationType') control = choose(MEDIATION_TYPES, 'mediationType');
    else if (field === 'decision') control = choose(DECISIONS, 'decision');
    else if (field === 'satisfaction') control = choose(SATISFACTION, 'satisfaction');
    else if (field === 'days') control = <input type="number" name="days" min={1} max={30} required={required} value={body.days ?? ''} onInput={set} />;
    else if (field === 'text' || field === 'reason' || field === 'note' || field === 'comment')
      control = <textarea name={field} required={required} rows={field === 'text' ? 5 : 2} value={body[field] ?? ''} onInput={set} />;
    else control = <input name={field} required={required} value={body[field] ?? ''} onInput={set} />;
    return (
      <label key={field}>
        {label}
        {control}
      </label>
    );
  };

  return (
    <form class="action-form" data-form={action} onSubmit={submit}>
      <h3>{tv('action', action)}</h3>
      {fields.map((f) => input(f.field, f.required))}
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

function BacklogForm({ data, onDone, onStale, onCancel }: {
  data: Loaded; onDone: (text: string) => void; onStale: () => void; onCancel: () => void;
}) {
  const [body, setBody] = useState({ leader: data.view.backlog?.leader ?? '', plan: data.view.backlog?.plan ?? '', targetDate: data.view.backlog?.targetDate ?? '' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const result = await api.POST('/api/v1/cases/{id}/backlog', {
        params: { path: { id: data.view.id! }, header: data.etag ? { 'If-Match': data.etag } : {} },
        body,
      });
      if (result.response.status === 412) return onStale();
      unwrap(result);
      onDone(t('case.done', { action: t('action.BACKLOG') }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="action-form" data-form="BACKLOG" onSubmit={submit}>
      <label>
        {t('field.leader')}
        <input name="leader" required value={body.leader} onInput={(e) => setBody({ ...body, leader: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        {t('field.plan')}
        <textarea name="plan" required rows={3} value={body.plan} onInput={(e) => setBody({ ...body, plan: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <label>
        {t('field.targetDate')}
        <input type="date" name="targetDate" required value={body.targetDate} onInput={(e) => setBody({ ...body, targetDate: (e.target as HTMLInputElement).value })} />
      </label>
      {error != null && <ErrorBox error={error} />}
      <div class="form-buttons">
        <button type="submit" class="btn btn-primary">{t('common.submit')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

function SuperviseForm({ data, onDone, onCancel }: { data: Loaded; onDone: (text: string) => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      unwrap(await api.POST('/api/v1/cases/{id}/supervisions', { params: { path: { id: data.view.id! } }, body: { note } }));
      onDone(t('case.done', { action: t('action.SUPERVISE') }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="action-form" data-form="SUPERVISE" onSubmit={submit}>
      <label>
        {t('field.note')}
        <textarea name="note" required rows={3} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error != null && <ErrorBox error={error} />}
      <div class="form-buttons">
        <button type="submit" class="btn btn-primary">{t('common.submit')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
