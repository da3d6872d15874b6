// Projects on the overview: a coloured dot per project, ringed around the area it takes place in.

import L from 'leaflet';

import type { BasemapData } from '../../map/basemapData';
import { centroid } from '../../map/hull';
import type { Point } from '../../map/hull';
import { KIND_COLOURS, KIND_NAMES } from '../../map/projectKinds';
import type { OverviewProject } from './overviewData';

/** Where a project is drawn: its area's point; the district, which has none, at its centre. */
function anchor(project: OverviewProject, basemap: BasemapData): Point | null {
  const area = project.area;
  if (!area) return null;
  if (area.lat != null && area.lon != null) return [area.lat, area.lon];
  if (area.level !== 'DISTRICT') return null;
  const points = basemap.communities
    .filter((c) => c.lat != null && c.lon != null)
    .map((c): Point => [c.lat as number, c.lon as number]);
  return points.length > 0 ? centroid(points) : null;
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
        .bindTooltip(`${project.name}（${KIND_NAMES[kind]}）`, { direction: 'top', className: 'lx-tip' })
        .on('click', () => onProject(project))
        .addTo(layer);
      markers.set(project.id, marker);
    });
  }
  return { layer, markers, unplaced };
}
