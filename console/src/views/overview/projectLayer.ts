// Projects on the overview: a coloured dot per project, ringed around the area it takes place in.

import L from 'leaflet';

import type { BasemapData } from '../../map/basemapData';
import { escape } from '../../map/escape';
import { centroid } from '../../map/hull';
import type { Point } from '../../map/hull';
import { KIND_COLOURS, KIND_NAMES } from '../../map/projectKinds';
import type { OverviewProject } from './overviewData';

/**
 * Where a project is drawn: its area's point. A district-wide project (the district has no point)
 * goes to open ground south-west of the communities, so it is not read as a 片区's.
 */
function anchor(project: OverviewProject, basemap: BasemapData): Point | null {
  const area = project.area;
  if (!area) return null;
  if (area.lat != null && area.lon != null) return [area.lat, area.lon];
  if (area.level !== 'DISTRICT') return null;
  return districtAnchor(basemap);
}

function districtAnchor(basemap: BasemapData): Point | null {
  const points = basemap.communities
    .filter((c) => c.lat != null && c.lon != null)
    .map((c): Point => [c.lat as number, c.lon as number]);
  if (points.length === 0) return null;
  const [, lon] = centroid(points);
  const south = Math.min(...points.map((p) => p[0]));
  const west = Math.min(...points.map((p) => p[1]));
  return [south + 0.004, (west + lon) / 2];
}

export interface DrawnProjects {
  layer: L.LayerGroup;
  markers: Map<string, L.CircleMarker>;
  /** Projects with no place to draw them. */
  unplaced: OverviewProject[];
}

/** Draw every placed project; projects sharing an area sit on a small ring around it. */
export function drawProjects(
  map: L.Map,
  projects: OverviewProject[],
  basemap: BasemapData,
  onProject: (project: OverviewProject) => void,
): DrawnProjects {
  const layer = L.layerGroup().addTo(map);
  const markers = new Map<string, L.CircleMarker>();
  const unplaced: OverviewProject[] = [];
  const byPlace = new Map<string, { point: Point; projects: OverviewProject[] }>();
  for (const project of projects) {
    const point = anchor(project, basemap);
    if (point === null) {
      unplaced.push(project);
      continue;
    }
    const key = point.join(',');
    const group = byPlace.get(key) ?? { point, projects: [] };
    group.projects.push(project);
    byPlace.set(key, group);
  }
  for (const { point, projects: here } of byPlace.values()) {
    here.forEach((project, n) => {
      // Spread in metres, not degrees: a ring of about 450 m, wider when crowded.
      const radiusKm = 0.45 + 0.06 * here.length;
      const angle = Math.PI / 2 + (2 * Math.PI * n) / here.length;
      const lat = point[0] + (radiusKm / 111.32) * Math.sin(angle);
      const lon = point[1] + (radiusKm / (111.32 * Math.cos((point[0] * Math.PI) / 180))) * Math.cos(angle);
      const kind = project.kind ?? 'LIVELIHOOD';
      const marker = L.circleMarker([lat, lon], {
        className: `lx-project lx-project-${kind.toLowerCase()}`,
        radius: 7,
        color: '#ffffff',
        weight: 2,
        fillColor: KIND_COLOURS[kind],
        fillOpacity: 0.95,
      })
        .bindTooltip(`${escape(project.name)}（${KIND_NAMES[kind]}）`, { direction: 'top', className: 'lx-tip' })
        .on('click', () => onProject(project))
        .addTo(layer);
      markers.set(project.id, marker);
    });
  }
  const district = districtAnchor(basemap);
  if (district && byPlace.has(district.join(','))) {
    L.marker(district, {
      icon: L.divIcon({ className: 'lx-district-projects', html: '全区项目', iconSize: undefined }),
      interactive: false,
      keyboard: false,
    }).addTo(layer);
  }
  return { layer, markers, unplaced };
}
