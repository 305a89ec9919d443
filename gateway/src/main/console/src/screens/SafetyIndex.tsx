import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { AreaTrail } from '../components/AreaTrail';
import { ErrorBox, Loading, Section } from '../components/common';
import { formatTime, lang, t, tv } from '../i18n';
import { navigate, routeQuery } from '../router';
import { session } from '../session';
import { SeriesChart, type Datum } from './SafetyIndexCharts';
import { GRADE_COLOURS, GradeChip, gradeOf, number } from './SafetyIndexGrades';

type Score = Schemas['AreaScore'];
type Detail = Schemas['AreaScoreDetail'];
type Indicator = Schemas['IndicatorScore'];
type HistoryItem = Schemas['AreaScoreHistoryItem'];
type Kind = 'month' | 'quarter' | 'year';

const KINDS: Record<Kind, RegExp> = { month: /^\d{4}-\d{2}$/, quarter: /^\d{4}-Q[1-4]$/, year: /^\d{4}$/ };

/** The periods one can pick: the running 90 days, the last six months, four quarters and two years. */
function periodChoices(now = new Date()): string[] {
  const y = now.getFullYear();
  const m = now.getMonth();
  const months = Array.from({ length: 6 }, (_, i) => {
    const d = new Date(y, m - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
  const quarters = Array.from({ length: 4 }, (_, i) => {
    const q = Math.floor(m / 3) - i;
    const year = y + Math.floor(q / 4);
    return `${year}-Q${(((q % 4) + 4) % 4) + 1}`;
  });
  return ['running', ...months, ...quarters, String(y), String(y - 1)];
}

function periodLabel(period: string | undefined): string {
  return period === 'running' ? t('index.period.running') : (period ?? '');
}

/** Ranked children of an area (the signed-in person's, or the one drilled into), and one of them explained. */
export function SafetyIndex() {
  const query = routeQuery();
  const own = session.value!.user.area;
  const parent = query.get('parent') ?? own ?? undefined;
  const period = query.get('period') ?? 'running';
  const [ranking, setRanking] = useState<Score[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const selected = query.get('area') ?? ranking?.[0]?.areaCode;

  const go = (next: { parent?: string | undefined; period?: string; area?: string | undefined }) => {
    const params = new URLSearchParams();
    const p = 'parent' in next ? next.parent : parent;
    if (p && p !== own) params.set('parent', p);
    const per = next.period ?? period;
    if (per !== 'running') params.set('period', per);
    const a = 'area' in next ? next.area : query.get('area') ?? undefined;
    if (a) params.set('area', a);
    const s = params.toString();
    navigate('/index' + (s ? `?${s}` : ''));
  };

  useEffect(() => {
    let current = true;
    setRanking(null);
    setError(null);
    rankingOf(parent, period).then((r) => current && setRanking(r), (e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [parent, period, lang.value]);

  return (
    <main id="main" class="page index">
      <h1>{t('index.title')}</h1>
      <div class="index-bar card">
        <AreaTrail code={parent} onPick={(code) => go({ parent: code, area: undefined })} />
        <label class="inline">
          {t('index.period')}
          <select name="period" value={period} onChange={(e) => go({ period: (e.target as HTMLSelectElement).value })}>
            {periodChoices().map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error != null && <ErrorBox error={error} onRetry={() => go({})} />}
      {!error && !ranking && <Loading />}
      {ranking && (
        <div class="index-columns">
          <Section title={t('index.ranking')} id="ranking">
            <Ranking items={ranking} selected={selected} onSelect={(code) => go({ area: code })}
              onDrill={(code) => go({ parent: code, area: undefined })} />
          </Section>
          {selected && <Explained key={`${selected}/${period}`} code={selected} period={period} />}
        </div>
      )}
    </main>
  );
}

/** Every ranked child (the list is offset-paged: read to its end; an area has tens of children, not thousands). */
async function rankingOf(parent: string | undefined, period: string): Promise<Score[]> {
  const items: Score[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/scores', {
      params: { query: { period, limit: 200, ...(parent ? { parentCode: parent } : {}), ...(cursor ? { cursor } : {}) } },
    }));
    items.push(...(page.items ?? []));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

function Trend({ value }: { value: number | null | undefined }) {
  if (value == null) return <span class="muted">{t('common.none')}</span>;
  const up = value > 0;
  const text = `${up ? '▲' : value < 0 ? '▼' : '■'} ${number(Math.abs(value), 1)}`;
  return (
    <span class={up ? 'trend-up' : value < 0 ? 'trend-down' : 'muted'} title={t(up ? 'index.trend.up' : 'index.trend.down')}>
      {text}
      <span class="sr-only"> ({t(up ? 'index.trend.up' : value < 0 ? 'index.trend.down' : 'index.trend.same')})</span>
    </span>
  );
}

function Ranking({ items, selected, onSelect, onDrill }: {
  items: Score[]; selected: string | undefined; onSelect: (code: string) => void; onDrill: (code: string) => void;
}) {
  if (items.length === 0) return <p class="muted">{t('index.empty')}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('index.ranking.table')}>
      <table class="cases ranking" data-testid="ranking">
        <thead>
          <tr>
            <th scope="col">{t('index.col.rank')}</th>
            <th scope="col">{t('index.col.area')}</th>
            <th scope="col">{t('index.col.score')}</th>
            <th scope="col">{t('index.col.grade')}</th>
            <th scope="col">{t('index.col.trend')}</th>
            <th scope="col">{t('index.col.warnings')}</th>
            <th scope="col">{t('index.col.coverage')}</th>
            <th scope="col"><span class="sr-only">{t('index.col.drill')}</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.areaCode} data-area={s.areaCode} class={s.areaCode === selected ? 'selected' : undefined}
              aria-selected={s.areaCode === selected}>
              <td class="num">{s.rank != null ? t('index.rankOf', { rank: s.rank, of: s.rankOf ?? '' }) : t('common.none')}</td>
              <td>
                <button type="button" class="btn-link area-pick" aria-pressed={s.areaCode === selected} onClick={() => onSelect(s.areaCode ?? '')}>
                  {s.name}
                </button>
                <div class="muted small mono">{s.areaCode}</div>
              </td>
              <td class="num score">{number(s.score, 1)}</td>
              <td><GradeChip grade={s.grade} veto={s.veto} /></td>
              <td><Trend value={s.trend} /></td>
              <td>
                {(s.warnings ?? []).length === 0 ? <span class="muted">{t('common.none')}</span>
                  : (s.warnings ?? []).map((w) => <span key={w} class="tag tag-red" data-warning={w}>{tv('index.warning', w)}</span>)}
              </td>
              <td class="num">{Math.round((s.coverage ?? 0) * 100)}%</td>
              <td>
                {s.level !== 'GRID' && (
                  <button type="button" class="btn btn-small" onClick={() => onDrill(s.areaCode ?? '')} aria-label={t('index.drill.label', { name: s.name ?? '' })}>
                    {t('index.drill')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The figures of one indicator, as its tooltip and its table row show them. */
function figures(i: Indicator): string[] {
  const lines = [
    t('index.fig.pointsLost', { v: number(i.pointsLost) }),
    t('index.fig.counts', { n: number(i.numerator), d: number(i.denominator) }),
    t('index.fig.values', { raw: number(i.raw, 4), smoothed: number(i.smoothed, 4) }),
    t('index.fig.scored', { s: number(i.normalised, 1), w: number(i.weight), c: number(i.contribution) }),
  ];
  // the service's note on an unavailable indicator is the insufficiency said in its own words: ours are localized
  if (!i.available) lines.push(t('index.insufficient'));
  else if (i.note) lines.push(i.note);
  return lines;
}

/** One area's score: its facts, its score over the periods and its explanation (points lost per indicator). */
function Explained({ code, period }: { code: string; period: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [history, setHistory] = useState<HistoryItem[] | null>(null);
  const [kind, setKind] = useState<Kind>('month');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    Promise.all([
      api.GET('/api/v1/scores/{areaCode}', { params: { path: { areaCode: code }, query: { period } } }).then(unwrap),
      api.GET('/api/v1/scores/{areaCode}/history', { params: { path: { areaCode: code } } }).then(unwrap),
    ]).then(([d, h]) => {
      if (!current) return;
      setDetail(d);
      setHistory(h.items ?? []);
    }, (e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [code, period, lang.value]);

  const trend: Datum[] = useMemo(() => {
    const periods = (history ?? []).filter((h) => KINDS[kind].test(h.period ?? '')).sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
    const running = (history ?? []).find((h) => h.period === 'running');
    return [...periods, ...(running ? [running] : [])].map((h) => ({
      label: periodLabel(h.period),
      value: h.score ?? null,
      colour: GRADE_COLOURS[gradeOf(h.grade) ?? 'NONE'],
      details: [
        t('index.fig.score', { v: number(h.score, 1) }),
        h.grade ? tv('index.grade', h.grade) : t('index.grade.none'),
        ...(h.rank != null ? [t('index.rankOf', { rank: h.rank, of: h.rankOf ?? '' })] : []),
        t('index.model', { v: h.modelVersion ?? '' }),
      ],
    }));
  }, [history, kind, lang.value]);

  const losses: Datum[] = useMemo(() => (detail?.indicators ?? []).map((i) => ({
    label: `${i.id} ${i.name ?? ''}`,
    value: i.available ? (i.pointsLost ?? 0) : null,
    colour: i.id && detail?.topLosers?.includes(i.id) ? '#a3201a' : '#0b4f8a',
    details: figures(i),
  })), [detail]);

  if (error) return <ErrorBox error={error} />;
  if (!detail || !history) return <Loading />;
  const d = detail;
  const indicators = d.indicators ?? [];
  const penalties = d.penalties ?? { points: 0, criticalIncidents: 0, deaths: 0 };
  return (
    <section class="card explained" aria-labelledby="explained" data-testid="explained" data-area={d.areaCode} data-model={d.modelVersion}>
      <h2 id="explained">{t('index.explained', { name: d.name ?? '' })}</h2>
      <dl class="facts facts-row">
        <dt>{t('index.score')}</dt>
        <dd class="score-big" data-testid="score">{number(d.score, 1)}</dd>
        <dt>{t('index.col.grade')}</dt>
        <dd><GradeChip grade={d.grade} veto={d.veto} /></dd>
        <dt>{t('index.col.rank')}</dt>
        <dd>{d.rank != null ? t('index.rankOf', { rank: d.rank, of: d.rankOf ?? '' }) : t('common.none')}</dd>
        <dt>{t('index.period')}</dt>
        <dd>{periodLabel(d.period?.key)} <span class="muted small">({d.period?.start} – {d.period?.end}{d.period?.frozen ? `, ${t('index.frozen')}` : ''})</span></dd>
        <dt>{t('index.modelVersion')}</dt>
        <dd data-testid="model-version">{t('index.model', { v: d.modelVersion ?? '' })}</dd>
        <dt>{t('index.col.coverage')}</dt>
        <dd>{Math.round((d.coverage ?? 0) * 100)}%</dd>
        {(penalties.points ?? 0) > 0 && (
          <>
            <dt>{t('index.penalties')}</dt>
            <dd>{t('index.penalties.text', { points: number(penalties.points), critical: penalties.criticalIncidents ?? 0, deaths: penalties.deaths ?? 0 })}</dd>
          </>
        )}
        {d.veto && (
          <>
            <dt>{t('index.veto')}</dt>
            <dd>{(d.vetoTriggers ?? []).join('；') || t('common.none')}</dd>
          </>
        )}
        {(d.warnings ?? []).length > 0 && (
          <>
            <dt>{t('index.col.warnings')}</dt>
            <dd>{(d.warnings ?? []).map((w) => <span key={w} class="tag tag-red">{tv('index.warning', w)}</span>)}</dd>
          </>
        )}
      </dl>
      <div class="charts">
        <div class="chart-box">
          <div class="chart-head">
            <h3 id="trend-title">{t('index.trend.title')}</h3>
            <label class="inline small">
              {t('index.trend.kind')}
              <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as Kind)}>
                {(Object.keys(KINDS) as Kind[]).map((k) => (
                  <option key={k} value={k}>{t(`index.kind.${k}`)}</option>
                ))}
              </select>
            </label>
          </div>
          <SeriesChart kind="line" data={trend} label={t('index.trend.aria', { name: d.name ?? '' })} testId="trend-chart" />
          <table class="sr-only">
            <caption>{t('index.trend.title')}</caption>
            <tbody>
              {trend.map((p) => (
                <tr key={p.label}><th scope="row">{p.label}</th><td>{number(p.value, 1)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="chart-box">
          <h3 id="loss-title">{t('index.loss.title')}</h3>
          <p class="muted small">{t('index.loss.hint')}</p>
          <SeriesChart kind="bar" data={losses} label={t('index.loss.aria', { name: d.name ?? '' })} testId="loss-chart" />
        </div>
      </div>
      {(d.topLosers ?? []).length > 0 && (
        <p class="small">
          {t('index.topLosers')}{' '}
          {(d.topLosers ?? []).map((id) => indicators.find((i) => i.id === id)?.name ?? id).join(t('index.listSep'))}
        </p>
      )}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('index.loss.title')}>
        <table class="cases figures" data-testid="indicators">
          <caption class="sr-only">{t('index.loss.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('index.col.indicator')}</th>
              <th scope="col">{t('index.col.numerator')}</th>
              <th scope="col">{t('index.col.denominator')}</th>
              <th scope="col">{t('index.col.raw')}</th>
              <th scope="col">{t('index.col.smoothed')}</th>
              <th scope="col">{t('index.col.normalised')}</th>
              <th scope="col">{t('index.col.weight')}</th>
              <th scope="col">{t('index.col.pointsLost')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => (
              <tr key={i.id} data-indicator={i.id} class={i.available ? undefined : 'unavailable'}>
                <th scope="row">
                  {i.id} {i.name}
                  {!i.available && <span class="muted small"> · {t('index.insufficient')}</span>}
                </th>
                <td class="num">{number(i.numerator)}</td>
                <td class="num">{number(i.denominator)}</td>
                <td class="num">{number(i.raw, 4)}</td>
                <td class="num">{number(i.smoothed, 4)}</td>
                <td class="num">{number(i.normalised, 1)}</td>
                <td class="num">{number(i.weight)}</td>
                <td class="num" data-testid="points-lost">{number(i.pointsLost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('index.asOf', { at: formatTime(new Date().toISOString()) })}</p>
    </section>
  );
}
