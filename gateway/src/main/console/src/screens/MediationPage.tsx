import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { Due, ErrorBox, Loading, Section } from '../components/common';
import { saveFile } from '../components/files';
import { formatDate, formatTime, t, tv } from '../i18n';
import { lang } from '../i18n';
import { linkProps } from '../router';
import { MediationActions } from './MediationActions';

type View = Schemas['Mediation'];

/** Everything the mediation page shows, loaded together. */
export interface LoadedMediation {
  view: View;
  etag: string | null;
  history: Schemas['MediationHistoryEntry'][];
}

async function load(id: string): Promise<LoadedMediation> {
  const path = { path: { id } };
  const [viewResult, history] = await Promise.all([
    api.GET('/api/v1/mediations/{id}', { params: path }),
    api.GET('/api/v1/mediations/{id}/history', { params: path }).then(unwrap),
  ]);
  return { view: unwrap(viewResult), etag: viewResult.response.headers.get('ETag'), history: history.items ?? [] };
}

/** A mediation as the role may see it (parties whole or masked, as the API answers), with its allowed steps. */
export function MediationPage({ id }: { id: string }) {
  const [data, setData] = useState<LoadedMediation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'stale'; text: string } | null>(null);
  const reload = () => load(id).then(setData, setError);
  useEffect(() => void reload(), [id]);

  if (error) return <main id="main" class="page"><ErrorBox error={error} onRetry={() => { setError(null); void reload(); }} /></main>;
  if (!data) return <main id="main" class="page"><Loading /></main>;
  const m = data.view;
  const running = m.state === 'OPEN' || m.state === 'IN_MEDIATION';
  const partyName = new Map((m.parties ?? []).map((p) => [p.id, p.name]));
  // the journal names parties by id; the page shows their names as the caller may see them
  const withNames = (note: string) => note.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => partyName.get(id) ?? id);

  return (
    <main id="main" class="page casepage" data-mediation-state={m.state} data-mediation-version={m.version}>
      <p><a {...linkProps('/mediation')}>← {t('med.back')}</a></p>
      <h1>
        {t('med.title', { number: m.number ?? '' })} <span class="case-title">{m.summary}</span>
      </h1>
      <p class="case-status">
        <span class={`state mstate-${m.state}`} data-testid="mediation-state">{tv('med.state', m.state)}</span>
        {m.outcome && <span class="muted"> · {tv('med.outcome', m.outcome)}</span>}
        {running && <Due dueAt={m.dueAt} overdue={m.overdue} />}
        {m.overdue && <span class="tag tag-red">{t('flag.overdue')}</span>}
      </p>
      {notice && (
        <p class={notice.kind === 'stale' ? 'alert alert-warn' : 'alert alert-ok'} role="status" data-testid="mediation-notice">{notice.text}</p>
      )}
      <div class="columns">
        <div class="col-main">
          <Section title={t('med.facts')} id="facts">
            <dl class="facts">
              <dt>{t('med.type')}</dt>
              <dd>{tv('mediationType', m.type)}{m.sector && ` · ${tv('med.sector', m.sector)}`}</dd>
              <dt>{t('col.area')}</dt>
              <dd><span class="mono">{m.areaCode}</span> · {tv('med.level', m.level)}</dd>
              <dt>{t('med.category')}</dt>
              <dd>{tv('med.dispute', m.disputeCategory)}</dd>
              {m.amountInDispute != null && (
                <>
                  <dt>{t('med.amount')}</dt>
                  <dd>{t('med.yuan', { amount: m.amountInDispute.toLocaleString(lang.value) })}</dd>
                </>
              )}
              <dt>{t('med.source')}</dt>
              <dd>
                {m.source?.caseId && <a {...linkProps(`/cases/${m.source.caseId}`)}>{t('med.source.case')}</a>}
                {m.source?.incidentId && <span>{t('med.source.incident')} <span class="mono small">{m.source.incidentId}</span></span>}
                {m.source?.referralNote && <span>{t('med.source.referral', { note: m.source.referralNote })}</span>}
                {!m.source?.caseId && !m.source?.incidentId && !m.source?.referralNote && t('med.source.direct')}
              </dd>
              <dt>{t('med.opened')}</dt>
              <dd>{formatTime(m.openedAt)}</dd>
              {m.inMediationAt && (<><dt>{t('med.inMediationAt')}</dt><dd>{formatTime(m.inMediationAt)}</dd></>)}
              {m.extension && (<><dt>{t('med.extension')}</dt><dd>{t('med.extension.text', { days: m.extension.days ?? 0, reason: m.extension.reason ?? '' })}</dd></>)}
              {m.concludedAt && (<><dt>{t('med.concludedAt')}</dt><dd>{formatTime(m.concludedAt)}{m.durationDays != null && ` · ${t('med.days', { n: m.durationDays })}`}</dd></>)}
              {m.conclusionReason && (<><dt>{t('field.reason')}</dt><dd>{m.conclusionReason}</dd></>)}
              {m.referral && (<><dt>{t('med.referral')}</dt><dd>{tv('med.referralTo', m.referral)}</dd></>)}
              {m.referredCaseId && (<><dt>{t('med.referredCase')}</dt><dd><a {...linkProps(`/cases/${m.referredCaseId}`)}>{t('med.source.case')}</a></dd></>)}
            </dl>
          </Section>
          <Section title={t('med.parties')} id="parties">
            <div class="table-wrap">
              <table class="cases" data-testid="parties">
                <thead>
                  <tr>
                    <th scope="col">{t('med.party.role')}</th>
                    <th scope="col">{t('case.name')}</th>
                    <th scope="col">{t('case.phone')}</th>
                    <th scope="col">{t('case.idNumber')}</th>
                    <th scope="col">{t('case.address')}</th>
                    <th scope="col">{t('med.party.consent')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(m.parties ?? []).map((p) => (
                    <tr key={p.id} data-party-id={p.id}>
                      <td>{tv('med.role', p.role)}</td>
                      <td>{p.name}</td>
                      <td class="mono">{p.phone ?? t('common.none')}</td>
                      <td class="mono">{p.idNumber ?? t('common.none')}</td>
                      <td>{p.address ?? t('common.none')}</td>
                      <td>{p.consented ? <span class="tag tag-green">{t('med.party.consented')}</span> : <span class="muted">{t('med.party.pending')}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="small muted">
              {t('med.mediatorsList', { names: (m.mediators ?? []).map((x) => `${x.name}（${x.committee}）`).join('、') })}
            </p>
          </Section>
          {(m.sessions ?? []).length > 0 && (
            <Section title={t('med.sessions')} id="sessions">
              <ol class="plain" data-testid="sessions">
                {(m.sessions ?? []).map((s, i) => (
                  <li key={i}>
                    <strong>{formatTime(s.heldAt)}</strong> · {s.place}
                    {(s.attendees ?? []).length > 0 && <div class="small muted">{t('med.attendees')}: {(s.attendees ?? []).join('、')}</div>}
                    {s.notes && <div class="content small">{s.notes}</div>}
                  </li>
                ))}
              </ol>
            </Section>
          )}
          {m.agreement && (
            <Section title={t('med.agreement')} id="agreement">
              <p>
                {m.agreement.written ? t('med.agreement.written') : t('med.agreement.oral')} · {formatTime(m.agreement.agreedAt)}
              </p>
              <p class="content" data-testid="terms">{m.agreement.terms}</p>
              {(m.agreement.obligations ?? []).length > 0 && (
                <ul class="plain">
                  {(m.agreement.obligations ?? []).map((o) => (
                    <li key={o.id}>
                      <strong>{partyName.get(o.partyId) ?? ''}</strong>：{o.content} · {t('med.dueDate', { date: formatDate(o.dueDate) })}{' '}
                      <span class={o.status === 'FULFILLED' ? 'tag tag-green' : o.status === 'BREACHED' ? 'tag tag-red' : 'tag'}>{tv('med.obligation', o.status)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {m.agreement.judicialConfirmation && (
                <p>{t('med.judicial', { court: m.agreement.judicialConfirmation.court ?? '', date: formatDate(m.agreement.judicialConfirmation.confirmedOn) })}</p>
              )}
              {m.followUpNote && <p class="small">{t('med.followUp', { at: formatTime(m.followedUpAt), note: m.followUpNote })}</p>}
              {m.agreement.document && <AgreementPdf id={m.id!} number={m.number ?? ''} />}
            </Section>
          )}
          <Section title={t('case.history')} id="history">
            <ol class="timeline" data-testid="history">
              {data.history.map((h) => (
                <li key={h.id}>
                  <span class="when">{formatTime(h.at)}</span>
                  <span class="what">
                    <strong>{tv('maction', h.action)}</strong>
                    {h.toState && h.fromState !== h.toState && <span class="muted"> → {tv('med.state', h.toState)}</span>}
                  </span>
                  <span class="who muted">{h.actor} ({tv('role', h.role)})</span>
                  {h.note && <span class="note">{withNames(h.note)}</span>}
                </li>
              ))}
            </ol>
          </Section>
        </div>
        <div class="col-side">
          <Section title={t('case.actions')} id="actions">
            <MediationActions data={data}
              onDone={(text) => { setNotice({ kind: 'ok', text }); void reload(); }}
              onStale={() => { setNotice({ kind: 'stale', text: t('med.stale') }); void reload(); }} />
          </Section>
          {/* a concluded mediation's deadline no longer runs */}
          {running && m.dueAt && (
            <Section title={t('case.deadlines')} id="deadlines">
              <dl class="facts">
                <Fragment>
                  <dt>{t('med.deadline')}</dt>
                  <dd><Due dueAt={m.dueAt} overdue={m.overdue} /></dd>
                </Fragment>
              </dl>
            </Section>
          )}
        </div>
      </div>
    </main>
  );
}

/** The written agreement (调解协议书) as the API renders it, in the console's language. */
function AgreementPdf({ id, number }: { id: string; number: string }) {
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setError(null);
    try {
      const result = await api.GET('/api/v1/mediations/{id}/agreement.pdf', {
        params: { path: { id }, query: { lang: lang.value === 'en' ? 'en' : 'zh-CN' } },
        parseAs: 'blob',
      });
      saveFile(unwrap(result) as Blob, `${t('med.agreement.file')}-${number}.pdf`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <p>
      <button type="button" class="btn" data-action="agreement-pdf" onClick={download}>{t('med.agreement.download')}</button>
      {error != null && <ErrorBox error={error} />}
    </p>
  );
}
