import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorBox, Loading, Section } from '../components/common';
import { formatTime, t, type MessageKey } from '../i18n';

type Version = Schemas['ScoringModelVersion'];
const INDICATORS = ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9', 'I10', 'I11', 'I12'];

/** The scoring models' versions (assessment.md): compare two side by side, activate one (it recomputes open periods). */
export function AdminModels() {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const [right, setRight] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = () =>
    api.GET('/api/v1/scoring-models').then((r) => {
      const items = unwrap(r).items ?? [];
      setVersions(items);
      // the active version against the newest other one, unless the person chose already
      const active = items.find((v) => v.active)?.version ?? items[0]?.version ?? null;
      setLeft((l) => l ?? active);
      setRight((x) => x ?? items.find((v) => v.version !== active)?.version ?? active);
    }, setError);
  useEffect(() => void load(), []);

  const activate = async (version: number) => {
    setError(null);
    try {
      unwrap(await api.POST('/api/v1/scoring-models/{version}/activate', { params: { path: { version } } }));
      setConfirming(null);
      setMessage(t('adm.models.activated', { version }));
      void load();
    } catch (e) {
      setError(e);
    }
  };

  if (!versions) return error ? <ErrorBox error={error} /> : <Loading />;
  const a = versions.find((v) => v.version === left);
  const b = versions.find((v) => v.version === right);
  const pick = (value: number | null, set: (v: number) => void, name: string, label: string) => (
    <label>
      {label}
      <select name={name} value={String(value ?? '')} onChange={(e) => set(Number((e.target as HTMLSelectElement).value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {t('adm.models.version', { version: v.version ?? 0 })}{v.active ? ` · ${t('adm.models.active')}` : ''}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div class="admin-tab">
      <Section title={t('adm.models.title')} id="models">
        {message && <p class="alert alert-ok" role="status">{message}</p>}
        {error != null && <ErrorBox error={error} />}
        <div class="table-wrap">
          <table class="cases" data-testid="models">
            <thead>
              <tr>
                <th scope="col">{t('adm.models.versionCol')}</th>
                <th scope="col">{t('adm.keys.state')}</th>
                <th scope="col">{t('adm.created')}</th>
                <th scope="col">{t('adm.models.activatedAt')}</th>
                <th scope="col"><span class="sr-only">{t('adm.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-version={v.version} data-active={String(v.active)}>
                  <td class="mono">v{v.version}</td>
                  <td>{v.active ? <span class="tag tag-green">{t('adm.models.active')}</span> : <span class="muted">{t('adm.inactive')}</span>}</td>
                  <td class="small">{formatTime(v.createdAt)} <span class="muted">{v.createdBy}</span></td>
                  <td class="small">{formatTime(v.activatedAt)}</td>
                  <td>
                    {!v.active && confirming !== v.version && (
                      <button type="button" class="btn" data-action="activate" onClick={() => setConfirming(v.version!)}>{t('adm.models.activate')}</button>
                    )}
                    {confirming === v.version && (
                      <span class="confirm" role="group" aria-label={t('adm.models.activate')}>
                        <span class="small">{t('adm.models.confirm', { version: v.version ?? 0 })}</span>{' '}
                        <button type="button" class="btn btn-danger" data-action="confirm-activate" onClick={() => activate(v.version!)}>{t('adm.confirm')}</button>{' '}
                        <button type="button" class="btn" onClick={() => setConfirming(null)}>{t('common.cancel')}</button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title={t('adm.models.compare')} id="compare">
        <div class="inline-filters">
          {pick(left, setLeft, 'left', t('adm.models.left'))}
          {pick(right, setRight, 'right', t('adm.models.right'))}
        </div>
        {a && b && <Comparison a={a} b={b} />}
      </Section>
    </div>
  );
}

/** Weight and goalposts (lower, upper) of every indicator in two versions; a changed value is marked. */
function Comparison({ a, b }: { a: Version; b: Version }) {
  const settings = (v: Version, id: string) => v.model?.indicators?.[id];
  const cell = (x: number | undefined, y: number | undefined, strong = false) => {
    const changed = x !== y;
    return (
      <td class={changed ? 'num changed' : 'num'} data-changed={changed ? 'true' : undefined}>
        {strong ? <strong>{y ?? t('common.none')}</strong> : (y ?? t('common.none'))}
        {changed && <span class="sr-only"> ({t('adm.models.changed')})</span>}
      </td>
    );
  };
  const fmt = (n: number | undefined) => (n === undefined ? undefined : Number(n.toFixed(4)));
  return (
    <div class="table-wrap">
      <table class="cases compare" data-testid="model-compare">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>{t('adm.models.indicator')}</th>
            <th scope="colgroup" colSpan={3}>v{a.version}</th>
            <th scope="colgroup" colSpan={3}>v{b.version}</th>
          </tr>
          <tr>
            {[a, b].flatMap((v) => [
              <th scope="col" key={`${v.version}w`}>{t('adm.models.weight')}</th>,
              <th scope="col" key={`${v.version}l`}>{t('adm.models.lower')}</th>,
              <th scope="col" key={`${v.version}u`}>{t('adm.models.upper')}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {INDICATORS.map((id) => {
            const x = settings(a, id);
            const y = settings(b, id);
            return (
              <tr key={id} data-indicator={id}>
                <th scope="row">
                  <span class="mono">{id}</span> {t(`adm.indicator.${id}` as MessageKey)}
                </th>
                <td class="num"><strong>{x?.weight ?? t('common.none')}</strong></td>
                <td class="num">{fmt(x?.lower) ?? t('common.none')}</td>
                <td class="num">{fmt(x?.upper) ?? t('common.none')}</td>
                {cell(x?.weight, y?.weight, true)}
                {cell(fmt(x?.lower), fmt(y?.lower))}
                {cell(fmt(x?.upper), fmt(y?.upper))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
