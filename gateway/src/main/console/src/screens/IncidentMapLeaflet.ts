import L from 'leaflet';
// the clustering plugin extends the L that Leaflet's bundle leaves on window, so it is imported after it
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';

/**
 * The incident map's Leaflet part (Leaflet + Leaflet.markercluster: SVG and DOM, no WebGL, no workers, no inline
 * styles or eval, so the console's Content-Security-Policy holds and headless Chromium draws it): the children's
 * polygons as a choropleth — the base map when no tile URL is configured — and the incidents as clustered points
 * coloured by state. Texts from the API go in as text nodes, never as HTML.
 */
export interface AreaFeature {
  code: string;
  name: string;
  /** The fill colour for its figure. */
  colour: string;
  /** What the tooltip says under the name. */
  caption: string;
  /** Whether it has areas below it (a click drills down into them). */
  drillable: boolean;
}

export interface IncidentPoint {
  id: string;
  lat: number;
  lon: number;
  state: string;
  /** The accessible name and tooltip of the point. */
  title: string;
}

export interface MapTexts {
  zoomIn: string;
  zoomOut: string;
  cluster: (n: number) => string;
}

export class IncidentLeafletMap {
  private readonly map: L.Map;
  private areas: L.GeoJSON | null = null;
  private readonly points: L.MarkerClusterGroup;
  private readonly markers = new Map<string, L.Marker>();
  // the map redraws when its box changes size (a tablet turned, the window resized)
  private readonly resized = new ResizeObserver(() => this.map.invalidateSize());

  constructor(element: HTMLElement, tiles: { url: string; attribution?: string } | undefined, texts: MapTexts,
    private readonly onPoint: (id: string) => void, private readonly onArea: (code: string) => void) {
    // the clustering needs a maximum zoom, which a tile layer would otherwise give
    this.map = L.map(element, { zoomControl: false, attributionControl: !!tiles, zoomSnap: 0.25, minZoom: 3, maxZoom: 19 });
    L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(this.map);
    if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution ?? '', maxZoom: 19 }).addTo(this.map);
    this.map.setView([0, 0], 3);
    this.points = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      // from street level every point stands alone: opening one zooms no closer than that, the area still in view
      disableClusteringAtZoom: 15,
      iconCreateFunction: (cluster) => {
        const n = cluster.getChildCount();
        const size = n < 10 ? 'small' : n < 50 ? 'medium' : 'large';
        // numbers and our own words only: no text from the API in this HTML
        return L.divIcon({
          html: `<span aria-hidden="true">${n}</span><span class="sr-only">${texts.cluster(n)}</span>`,
          className: `incident-cluster incident-cluster-${size}`,
          iconSize: L.point(34, 34),
        });
      },
    });
    this.map.addLayer(this.points);
    this.resized.observe(element);
  }

  /** The children's polygons, each filled with its figure's colour; the view fits them when asked to. */
  setAreas(collection: GeoJSON.FeatureCollection, features: Map<string, AreaFeature>, fit: boolean) {
    this.areas?.remove();
    this.areas = L.geoJSON(collection, {
      style: (f) => ({
        color: '#33415c', weight: 1.5, fillOpacity: 0.55,
        fillColor: features.get(String(f?.properties?.code))?.colour ?? '#d5dbe3',
      }),
      onEachFeature: (f, layer) => {
        const area = features.get(String(f.properties?.code));
        if (!area) return;
        const tip = document.createElement('div');
        const name = document.createElement('strong');
        name.textContent = area.name;
        const caption = document.createElement('div');
        caption.textContent = area.caption;
        tip.append(name, caption);
        layer.bindTooltip(tip, { sticky: true });
        if (area.drillable) layer.on('click', () => this.onArea(area.code));
        layer.on('add', () => (layer as L.Path).getElement()?.setAttribute('data-area', area.code));
      },
    }).addTo(this.map);
    this.areas.bringToBack();
    const bounds = this.areas.getBounds();
    if (fit && bounds.isValid()) this.map.fitBounds(bounds, { padding: [12, 12] });
  }

  /** The incidents as clustered points, each a keyboard-reachable button named by its title. */
  setIncidents(points: IncidentPoint[], fitWhenNoAreas: boolean) {
    this.points.clearLayers();
    this.markers.clear();
    const markers = points.map((p) => {
      const marker = L.marker([p.lat, p.lon], {
        title: p.title,
        icon: L.divIcon({ className: `incident-pin istate-${p.state}`, iconSize: L.point(16, 16) }),
      });
      marker.on('click', () => this.onPoint(p.id));
      marker.on('add', () => marker.getElement()?.setAttribute('data-incident', p.id));
      this.markers.set(p.id, marker);
      return marker;
    });
    this.points.addLayers(markers);
    if (fitWhenNoAreas && markers.length > 0) this.map.fitBounds(this.points.getBounds(), { padding: [20, 20], maxZoom: 15 });
  }

  /** Brings one incident into view, out of its cluster. */
  reveal(id: string) {
    for (const other of this.markers.values()) other.getElement()?.classList.remove('selected');
    const marker = this.markers.get(id);
    if (!marker) return;
    this.points.zoomToShowLayer(marker, () => {
      marker.getElement()?.classList.add('selected');
      this.map.panTo(marker.getLatLng());
    });
  }

  destroy() {
    this.resized.disconnect();
    this.map.remove();
  }
}
