import { useEffect, useRef, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { AreaTrail } from '../components/AreaTrail';
import { Due, EnumFilter, ErrorBox, Loading } from '../components/common';
import type { ConsoleConfig } from '../config';
import { formatTime, lang, t, tv } from '../i18n';
import { navigate, routeQuery } from '../router';
import { session } from '../session';
import { IncidentPanel } from './IncidentMapPanel';
import type { AreaFeature, IncidentLeafletMap, IncidentPoint } from './IncidentMapLeaflet';
import { GRADE_COLOURS, GradeChip, gradeOf, number } from './SafetyIndexGrades';

type ListQuery = NonNullable<paths['/api/v1/incidents']['get']['parameters']['query']>;
type Item = Schemas['Incident'];
type Page = paths['/api/v1/incidents']['get']['responses'][200]['content']['application/json'];
type State = Schemas['IncidentState'];
type Mode = 'open' | 'score';

const STATES: State[] = ['REPORTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE'];
/** Not yet handled to the end: what a supervisor watches (the default filter and the choropleth's count). */
const OPEN: State[] = ['REPORTED', 'DISPATCHED', 'IN_PROGRESS'];
const SEVERITIES: Schemas['Severity'][] = ['GENERAL', 'SERIOUS', 'MAJOR', 'CRITICAL'];
const SOURCES: Schemas['Source'][] = ['GRID_WORKER', 'CITIZEN', 'PARTNER', 'HOTLINE', 'SENSOR'];
const PAGE_SIZE = 50;
/** The states as one comma-separated parameter, as grid-service reads it. */
const COMMA = { array: { style: 'form', explode: false } } as const;
/** The most points the map loads (geojson pages of 500); more are left to the list and the filters. */
const MAX_POINTS = 2000;
/** Open incidents per child: light to dark in five steps of the largest count. */
const OPEN_COLOURS = ['#fff5d6', '#fdd49e', '#fc8d59', '#e34a33', '#b30000'];
/** An area without a figure. */
const NO_DATA = '#d5dbe3';

/** The filters of the incident list, in the address: `state` is `open` (the default), `all` or one state. */
interface Filters {
  area?: string;
  state: string;
  categoryCode?: string;
  severity?: Schemas['Severity'];
  source?: Schemas['Source'];
  overdue?: boolean;
}

function filtersFrom(params: URLSearchParams, own: string | undefined): Filters {
  const f: Filters = { state: params.get('state') ?? 'open' };
  const area = params.get('area') ?? own;
  if (area) f.area = area;
  const category = params.get('categoryCode');
  if (category) f.categoryCode = category;
  const severity = params.get('severity');
  if (severity && (SEVERITIES as string[]).includes(severity)) f.severity = severity as Schemas['Severity'];
  const source = params.get('source');
  if (source && (SOURCES as string[]).includes(source)) f.source = source as Schemas['Source'];
  if (params.get('overdue') === 'true') f.overdue = true;
  return f;
}

function toSearch(f: Filters, own: string | undefined, incident?: string): string {
  const params = new URLSearchParams();
  if (f.area && f.area !== own) params.set('area', f.area);
  if (f.state !== 'open') params.set('state', f.state);
  if (f.categoryCode) params.set('categoryCode', f.categoryCode);
  if (f.severity) params.set('severity', f.severity);
  if (f.source) params.set('source', f.source);
  if (f.overdue) params.set('overdue', 'true');
  if (incident) params.set('incident', incident);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The API's filters (GET /incidents and /incidents.geojson take the same). */
function apiQuery(f: Filters): ListQuery {
  const q: ListQuery = {};
  if (f.area) q.areaCode = f.area;
  if (f.state === 'open') q.state = OPEN;
  else if (f.state !== 'all' && (STATES as string[]).includes(f.state)) q.state = [f.state as State];
  if (f.categoryCode) q.categoryCode = f.categoryCode;
  if (f.severity) q.severity = f.severity;
  if (f.source) q.source = f.source;
  if (f.overdue) q.overdue = true;
  return q;
}

/** The selected area's children on the map (a choropleth), the incidents as points, the list beside it. */
export function IncidentMap({ config }: { config: ConsoleConfig }) {
  const own = session.value!.user.area;
  const search = routeQuery();
  const applied = filtersFrom(search, own);
  const key = toSearch(applied, own);
  const incident = search.get('incident') ?? undefined;
  const [draft, setDraft] = useState<Filters>(applied);
  const [categories, setCategories] = useState<Schemas['Category'][]>([]);
  useEffect(() => setDraft(applied), [key]);
  useEffect(() => {
    api.GET('/api/v1/categories', {}).then((r) => setCategories(unwrap(r).items ?? []), () => setCategories([]));
  }, [lang.value]);

  const go = (f: Filters, open?: string) => navigate('/map' + toSearch(f, own, open));
  const set = <K extends keyof Filters>(name: K, value: Filters[K] | '') =>
    setDraft({ ...draft, [name]: value === '' ? undefined : value });

  return (
    <main id="main" class="page incident-map">
      <h1>{t('map.title')}</h1>
      <div class="index-bar card">
        <AreaTrail code={applied.area} onPick={(code) => go({ ...applied, area: code })} />
      </div>
      <form class="filters card" aria-label={t('map.filters')} onSubmit={(e) => { e.preventDefault(); go(draft); }}>
        <label>
          {t('map.area')}
          <input name="area" value={draft.area ?? ''} onInput={(e) => set('area', (e.target as HTMLInputElement).value.trim())} />
        </label>
        <label>
          {t('ledger.state')}
          <select name="state" value={draft.state} onChange={(e) => set('state', (e.target as HTMLSelectElement).value || 'open')}>
            <option value="open">{t('map.state.open')}</option>
            <option value="all">{t('map.state.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tv('istate', s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('map.category')}
          <select name="categoryCode" value={draft.categoryCode ?? ''} onChange={(e) => set('categoryCode', (e.target as HTMLSelectElement).value)}>
            <option value="">{t('ledger.any')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <EnumFilter name="severity" label={t('map.severity')} value={draft.severity} values={SEVERITIES} words="map.severity" onChange={(v) => set('severity', v)} />
        <EnumFilter name="source" label={t('map.source')} value={draft.source} values={SOURCES} words="map.source" onChange={(v) => set('source', v)} />
        <label class="check">
          <input type="checkbox" name="overdue" checked={draft.overdue === true} onChange={(e) => set('overdue', (e.target as HTMLInputElement).checked || '')} />
          {t('ledger.overdue')}
        </label>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">
            {t('ledger.apply')}
          </button>
          <button type="button" class="btn" onClick={() => navigate('/map')}>
            {t('ledger.reset')}
          </button>
        </div>
      </form>
      <div class="map-columns">
        <MapView filters={applied} filterKey={key} config={config} selected={incident}
          onArea={(code) => go({ ...applied, area: code })} onPoint={(id) => go(applied, id)} />
        <div class="map-side">
          {incident ? (
            <IncidentPanel key={incident} id={incident} onClose={() => go(applied)} />
          ) : (
            <IncidentList key={key} filters={applied} onOpen={(id) => go(applied, id)} />
          )}
        </div>
      </div>
    </main>
  );
}

/** A child's figure on the choropleth: its open incidents or its score (and grade), and the colour that gives. */
interface Shade {
  mode: Mode;
  value: number | null;
  grade?: string | null | undefined;
  colour: string;
}

/** What a child's tooltip and table row say of its figure (in the language now chosen). */
function caption(shade: Shade | undefined): string {
  if (!shade) return t('common.none');
  if (shade.mode === 'open') return t('map.openCount', { n: shade.value ?? 0 });
  return `${t('index.score')} ${number(shade.value, 1)} · ${shade.grade ? tv('index.grade', shade.grade) : t('index.grade.none')}`;
}

/** The count of open incidents per child, or each child's safety score; and the colour it gets. */
async function choropleth(parent: string | undefined, mode: Mode): Promise<Map<string, Shade>> {
  const out = new Map<string, Shade>();
  if (mode === 'open') {
    const stats = unwrap(await api.GET('/api/v1/incidents/stats', {
      params: { query: { groupBy: 'childArea', ...(parent ? { areaCode: parent } : {}) } },
    }));
    const counts = (stats.groups ?? []).map((g) => ({
      code: g.key ?? '', n: OPEN.reduce((sum, s) => sum + (g.stats?.byState?.[s] ?? 0), 0),
    }));
    const max = Math.max(1, ...counts.map((c) => c.n));
    for (const c of counts) {
      const step = c.n === 0 ? 0 : Math.min(4, 1 + Math.floor((c.n / max) * 3.999));
      out.set(c.code, { mode, value: c.n, colour: OPEN_COLOURS[step]! });
    }
  } else {
    const page = unwrap(await api.GET('/api/v1/scores', { params: { query: { limit: 500, ...(parent ? { parentCode: parent } : {}) } } }));
    for (const s of page.items ?? []) {
      out.set(s.areaCode ?? '', { mode, value: s.score ?? null, grade: s.grade, colour: GRADE_COLOURS[gradeOf(s.grade) ?? 'NONE'] });
    }
  }
  return out;
}

/** Up to {@link MAX_POINTS} incidents of the filters as points (the geojson's pages of 500). */
async function pointsOf(filters: Filters): Promise<{ points: Schemas['IncidentFeature'][]; more: boolean }> {
  const points: Schemas['IncidentFeature'][] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/incidents.geojson', {
      params: { query: { ...apiQuery(filters), limit: 500, ...(cursor ? { cursor } : {}) } },
      querySerializer: COMMA,
    }));
    points.push(...(page.features ?? []));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && points.length < MAX_POINTS);
  return { points, more: !!cursor };
}

function MapView({ filters, filterKey, config, selected, onArea, onPoint }: {
  filters: Filters; filterKey: string; config: ConsoleConfig; selected: string | undefined;
  onArea: (code: string) => void; onPoint: (id: string) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  // the map lives across renders: its clicks go to the handlers of the latest one (the filters now applied)
  const handlers = useRef({ onArea, onPoint });
  handlers.current = { onArea, onPoint };
  const map = useRef<IncidentLeafletMap | null>(null);
  const [mode, setMode] = useState<Mode>('open');
  const [ready, setReady] = useState(false);
  const [areas, setAreas] = useState<{ code: string; name: string; level: string; shade: Shade | undefined }[] | null>(null);
  // the view fits the polygons when the area changes, not when only their colours do
  const fitted = useRef<string | null | undefined>(null);
  const [shown, setShown] = useState<{ n: number; more: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const parent = filters.area;

  // Leaflet and its clustering plugin: this screen's own chunk, loaded with the map
  useEffect(() => {
    let gone = false;
    import('./IncidentMapLeaflet').then(({ IncidentLeafletMap }) => {
      if (gone || !element.current) return;
      map.current = new IncidentLeafletMap(element.current, config.map?.tileUrl ? { url: config.map.tileUrl, attribution: config.map.attribution } : undefined,
        { zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut'), cluster: (n) => t('map.cluster', { n }) },
        (id) => handlers.current.onPoint(id), (code) => handlers.current.onArea(code));
      setReady(true);
    }, setError);
    return () => {
      gone = true;
      map.current?.destroy();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    let current = true;
    Promise.all([
      api.GET('/api/v1/areas.geojson', { params: { query: parent ? { parentCode: parent } : {} } }).then(unwrap),
      choropleth(parent, mode),
    ]).then(([collection, values]) => {
      if (!current || !map.current) return;
      const features = new Map<string, AreaFeature>();
      const rows = collection.features.map((f) => {
        const shade = values.get(f.properties.code);
        features.set(f.properties.code, {
          code: f.properties.code, name: f.properties.name, caption: caption(shade), colour: shade?.colour ?? NO_DATA,
          drillable: f.properties.level !== 'GRID',
        });
        return { code: f.properties.code, name: f.properties.name, level: f.properties.level, shade };
      });
      map.current.setAreas(collection as unknown as GeoJSON.FeatureCollection, features, fitted.current !== parent);
      fitted.current = parent;
      setAreas(rows);
    }, (e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [ready, parent, mode, lang.value]);

  useEffect(() => {
    if (!ready) return;
    let current = true;
    pointsOf(filters).then(({ points, more }) => {
      if (!current || !map.current) return;
      const shownPoints: IncidentPoint[] = points.flatMap(({ id, geometry, properties: p }) => {
        const [lon, lat] = geometry?.coordinates ?? [];
        if (!id || lon === undefined || lat === undefined || !p) return [];
        return [{ id, lat, lon, state: p.state ?? '', title: `${p.number} · ${p.categoryName ?? p.categoryCode} · ${tv('istate', p.state)}` }];
      });
      map.current.setIncidents(shownPoints, false);
      setShown({ n: points.length, more });
    }, (e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [ready, filterKey, lang.value]);

  useEffect(() => {
    if (ready && selected) map.current?.reveal(selected);
  }, [ready, selected, shown]);

  return (
    <div class="map-main">
      <div class="map-tools">
        <fieldset class="switch">
          <legend class="sr-only">{t('map.mode')}</legend>
          {(['open', 'score'] as Mode[]).map((m) => (
            <label key={m} class={mode === m ? 'on' : undefined}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(`map.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        {shown && (
          <span class="muted small" role="status" data-testid="map-count">
            {t(shown.more ? 'map.points.more' : 'map.points', { n: shown.n })}
          </span>
        )}
      </div>
      {error != null && <ErrorBox error={error} />}
      <div ref={element} class="map" data-testid="map" role="region" aria-label={t('map.region')} />
      <Legend mode={mode} />
      {areas && (
        <table class="cases children" data-testid="children">
          <caption class="sr-only">{t('map.children')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('index.col.area')}</th>
              <th scope="col">{t(mode === 'open' ? 'map.col.open' : 'index.col.score')}</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.code} data-area={a.code}>
                <th scope="row">
                  <Swatch colour={a.shade?.colour ?? NO_DATA} />
                  {a.level !== 'GRID' ? (
                    <a href="#" onClick={(e) => { e.preventDefault(); onArea(a.code); }}>{a.name}</a>
                  ) : a.name}
                  <span class="muted small mono"> {a.code}</span>
                </th>
                <td class="num">{caption(a.shade)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A colour sample (set through the CSSOM: the Content-Security-Policy refuses style attributes). */
function Swatch({ colour }: { colour: string }) {
  return <span class="swatch" aria-hidden="true" ref={(el) => { if (el) el.style.background = colour; }} />;
}

function Legend({ mode }: { mode: Mode }) {
  return (
    <div class="legend small" aria-label={t('map.legend')} role="group">
      {mode === 'open' ? (
        <span>{t('map.legend.open')} {OPEN_COLOURS.map((c) => <Swatch key={c} colour={c} />)} {t('map.legend.more')}</span>
      ) : (
        (['EXCELLENT', 'QUALIFIED', 'BASIC', 'UNQUALIFIED'] as const).map((g) => (
          <span key={g} class="legend-item"><GradeChip grade={g} /></span>
        ))
      )}
      <span class="legend-states">
        {OPEN.map((s) => (
          <span key={s} class="legend-item"><span class={`incident-pin istate-${s}`} aria-hidden="true" /> {tv('istate', s)}</span>
        ))}
      </span>
    </div>
  );
}

/** The incident list with the same filters, keyset-paged. */
function IncidentList({ filters, onOpen }: { filters: Filters; onOpen: (id: string) => void }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    let current = true;
    setPage(null);
    api.GET('/api/v1/incidents', { params: { query: { ...apiQuery(filters), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } }, querySerializer: COMMA })
      .then((r) => current && setPage(unwrap(r)), (e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [cursor, lang.value]);

  if (error) return <ErrorBox error={error} onRetry={() => { setError(null); setCursors([...cursors]); }} />;
  if (!page) return <Loading />;
  const items: Item[] = page.items ?? [];
  return (
    <section class="card" aria-labelledby="incident-list">
      <h2 id="incident-list">{t('map.list')}</h2>
      <p class="muted small" role="status" data-testid="incident-count">{t('ledger.count', { n: items.length })}</p>
      {items.length === 0 ? (
        <p class="muted">{t('map.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="cases" data-testid="incidents">
            <thead>
              <tr>
                <th scope="col">{t('col.number')}</th>
                <th scope="col">{t('map.category')}</th>
                <th scope="col">{t('col.state')}</th>
                <th scope="col">{t('col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} data-incident-id={i.id}>
                  <td class="mono">
                    <a href={`/console/map${toSearch(filters, session.value!.user.area, i.id)}`} onClick={(e) => { e.preventDefault(); onOpen(i.id!); }}>{i.number}</a>
                    <div class="muted small">{formatTime(i.reportedAt)}</div>
                  </td>
                  <td>
                    {i.categoryName ?? i.categoryCode}
                    <div class="muted small">{tv('map.severity', i.severity)}</div>
                  </td>
                  <td class="nowrap">{tv('istate', i.state)}</td>
                  <td><Due dueAt={i.dueAt} overdue={i.overdue} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t('map.pages')}>
        <button type="button" class="btn" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('common.prev')}
        </button>
        <button type="button" class="btn" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
          {t('common.more')}
        </button>
      </nav>
    </section>
  );
}
