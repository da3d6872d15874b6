// Where a renovation (or any project) takes place, outlined over the basemap.

import L from 'leaflet';

import type { BasemapData } from '../../map/basemapData';
import { escape } from '../../map/escape';
import { paddedHull } from '../../map/hull';
import type { Point } from '../../map/hull';
import { KIND_COLOURS } from '../../map/projectKinds';
import type { PlanProject } from './planData';

/** Outline the project's area (a 片区 as its communities' hull, else a ring at its point). */
export function drawProjectArea(map: L.Map, project: PlanProject, basemap: BasemapData): L.LayerGroup {
  const layer = L.layerGroup().addTo(map);
  const colour = KIND_COLOURS[project.kind ?? 'RENOVATION'];
  const area = project.area;
  if (area) {
    const points = basemap.communities
      .filter((c) => c.parent?.id === area.id && c.lat != null && c.lon != null)
      .map((c): Point => [c.lat as number, c.lon as number]);
    if (points.length > 0) {
      L.polygon(paddedHull(points, 1.3), {
        className: 'lx-project-area',
        color: colour,
        weight: 3,
        dashArray: '8 5',
        fill: false,
        interactive: false,
      }).addTo(layer);
    } else if (area.lat != null && area.lon != null) {
      L.circleMarker([area.lat, area.lon], {
        className: 'lx-project-area',
        radius: 20,
        color: colour,
        weight: 3,
        dashArray: '6 4',
        fill: false,
        interactive: false,
      }).addTo(layer);
    }
  }
  const affected = new Set(project.affects.map((a) => a.id));
  for (const community of basemap.communities) {
    if (!affected.has(community.id) || community.lat == null || community.lon == null) continue;
    L.circleMarker([community.lat, community.lon], {
      className: 'lx-affected',
      radius: 7,
      color: colour,
      weight: 2,
      fillColor: colour,
      fillOpacity: 0.5,
    })
      .bindTooltip(`${escape(community.name)}（受影响小区）`, { direction: 'top', className: 'lx-tip' })
      .addTo(layer);
  }
  return layer;
}
