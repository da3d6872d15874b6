// Lianxin's own basemap, with no tile server: the district, its 片区 and the communities.

import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

import type { BasemapData, MapCommunity } from './basemapData';
import { declutter } from './declutter';
import { escape } from './escape';
import { centroid, paddedHull } from './hull';
import type { Point } from './hull';
import './map.css';

const AREA_LABEL_PANE = 'lx-area-labels';
const DOT_PANE = 'lx-dots';

/** Soft tints, one per 片区 in name order, so neighbouring areas read apart. */
const STREET_TINTS = ['#e8d9c4', '#d4e4d0', '#d6e0ee', '#eadbe6', '#e6e6cc', '#d8e8e6'];

/** A map in `element` with SVG vectors (so every feature is in the page), a scale and no tiles. */
export function createMap(element: HTMLElement): L.Map {
  const map = L.map(element, {
    renderer: L.svg({ padding: 0.5 }),
    attributionControl: false,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 9,
    maxZoom: 17,
  });
  L.control.attribution({ prefix: false }).addAttribution('连心').addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
  // 片区 names lie over the area fills but under the community dots and whatever is drawn on top.
  map.createPane(AREA_LABEL_PANE).style.zIndex = '405';
  map.createPane(DOT_PANE).style.zIndex = '410';
  return map;
}

/** A community dot as drawn when nothing singles it out. */
export const COMMUNITY_STYLE: L.CircleMarkerOptions = {
  radius: 4.5,
  color: '#5b6b7c',
  weight: 1,
  fillColor: '#ffffff',
  fillOpacity: 1,
};

export interface BasemapOptions {
  /** Write each community's name beside its dot. */
  communityLabels: boolean;
  onCommunity?: (community: MapCommunity) => void;
}

export interface DrawnBasemap {
  layer: L.LayerGroup;
  bounds: L.LatLngBounds;
  /** Each community's dot, by id, to restyle the chosen ones. */
  dots: Map<string, L.CircleMarker>;
}

function located(community: MapCommunity): Point | null {
  return community.lat != null && community.lon != null ? [community.lat, community.lon] : null;
}

/** Draw the district, its 片区 as soft hulls of their communities, and the communities. */
export function drawBasemap(map: L.Map, data: BasemapData, options: BasemapOptions): DrawnBasemap {
  const layer = L.layerGroup().addTo(map);
  const all = data.communities.map(located).filter((p): p is Point => p !== null);
  if (all.length > 0) {
    L.polygon(paddedHull(all, 1.8), {
      className: 'lx-district',
      color: '#b9a88f',
      weight: 1.5,
      dashArray: '6 4',
      fillColor: '#f3efe6',
      fillOpacity: 1,
      interactive: false,
    }).addTo(layer);
  }
  const dotRenderer = L.svg({ pane: DOT_PANE, padding: 0.5 });
  const streets = [...data.streets].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  streets.forEach((street, n) => {
    const points = data.communities
      .filter((c) => c.parent?.id === street.id)
      .map(located)
      .filter((p): p is Point => p !== null);
    if (points.length === 0) return;
    const tint = STREET_TINTS[n % STREET_TINTS.length];
    L.polygon(paddedHull(points, 0.9), {
      className: 'lx-street',
      color: '#a0907a',
      weight: 1,
      fillColor: tint,
      fillOpacity: 0.85,
      interactive: false,
    }).addTo(layer);
    L.marker(centroid(points), {
      icon: L.divIcon({ className: 'lx-street-label', html: escape(street.name), iconSize: undefined }),
      pane: AREA_LABEL_PANE,
      interactive: false,
      keyboard: false,
    }).addTo(layer);
  });
  const dots = new Map<string, L.CircleMarker>();
  const biggestFirst = [...data.communities].sort((a, b) => (b.households ?? 0) - (a.households ?? 0));
  for (const community of biggestFirst) {
    const point = located(community);
    if (point === null) continue;
    const dot = L.circleMarker(point, {
      className: 'lx-community',
      renderer: dotRenderer,
      ...COMMUNITY_STYLE,
      interactive: options.onCommunity !== undefined,
    });
    // Named in the page, so a dot can be found by its community.
    dot.on('add', () => dot.getElement()?.setAttribute('data-name', community.name));
    dot.addTo(layer);
    if (options.communityLabels) {
      dot.bindTooltip(escape(community.name), {
        permanent: true,
        direction: 'right',
        offset: [4, 0],
        className: 'lx-community-label',
      });
    } else {
      dot.bindTooltip(escape(community.name), { direction: 'top', className: 'lx-tip' });
    }
    const choose = options.onCommunity;
    if (choose) dot.on('click', () => choose(community));
    dots.set(community.id, dot);
  }
  if (options.communityLabels) {
    const tidy = () => declutter(map, '.lx-community-label');
    map.on('zoomend moveend', tidy);
    // A map without a view yet adds its layers on 'load', after the first moveend.
    map.whenReady(() => window.setTimeout(tidy, 0));
    layer.on('remove', () => map.off('zoomend moveend', tidy));
  }
  // With no located community yet, the view opens on 东营区.
  const bounds =
    all.length > 0 ? L.latLngBounds(all).pad(0.08) : L.latLngBounds([[37.4, 118.4], [37.5, 118.6]]);
  return { layer, bounds, dots };
}
