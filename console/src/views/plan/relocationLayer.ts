// A relocation drawn over the basemap: compounds sized by land, new sites, one arrow per move,
// the arrowhead coloured by the move's status and the line dashed until the move is done.

import L from 'leaflet';

import { amount, date } from '../../format';
import { escape } from '../../map/escape';
import { MOVE_STATUS_COLOURS, MOVE_STATUS_NAMES } from './moveStatus';
import type { Move, Relocations } from './relocationFeatures';

/** Thirteen and more colours that stay apart on a light ground: one per relocating unit. */
const UNIT_COLOURS = [
  '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#e6851e', '#17a2b8', '#8c564b',
  '#e377c2', '#5f6b1c', '#b8a200', '#393b79', '#ad494a', '#3b8f6a', '#7b4173',
  '#6b6ecf',
];

/** A colour per unit, stable for a given set of units. */
export function unitColours(relocations: Relocations): Map<string, string> {
  const units = [...new Set(relocations.moves.map((m) => m.unit))].sort((a, b) =>
    a.localeCompare(b, 'zh-CN'),
  );
  return new Map(units.map((unit, n) => [unit, UNIT_COLOURS[n % UNIT_COLOURS.length]]));
}

export interface DrawnRelocations {
  layer: L.LayerGroup;
  bounds: L.LatLngBounds | null;
  lines: Map<string, L.Polyline>;
  arrows: Map<string, L.Marker>;
}

/** The bearing of the last leg of `path` on screen, in degrees clockwise from east. */
function bearing(map: L.Map, path: [number, number][]): number {
  const a = map.project(path[path.length - 2], 12);
  const b = map.project(path[path.length - 1], 12);
  return (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
}

function moveTip(move: Move): string {
  return (
    `<strong>${escape(move.unit)}</strong><br>` +
    `原址：${escape(move.from)}<br>新址：${escape(move.to)}<br>` +
    `状态：${MOVE_STATUS_NAMES[move.status]}` +
    (move.note ? `（${escape(move.note)}）` : '') +
    (move.movedOn ? `<br>搬迁日期：${date(move.movedOn)}` : `<br>计划日期：${date(move.plannedOn)}`) +
    (move.landMu != null ? `<br>腾空土地：${amount(move.landMu)} 亩` : '')
  );
}

/** Draw the relocation; `onMove` hears which move the pointer is over (null when it leaves). */
export function drawRelocations(
  map: L.Map,
  relocations: Relocations,
  onMove: (key: string | null) => void,
): DrawnRelocations {
  const layer = L.layerGroup().addTo(map);
  const colours = unitColours(relocations);
  const colourOfSite = new Map(relocations.moves.map((m) => [m.to, colours.get(m.unit)]));
  const movesTo = new Map<string, number>();
  for (const move of relocations.moves) movesTo.set(move.to, (movesTo.get(move.to) ?? 0) + 1);

  const lines = new Map<string, L.Polyline>();
  const arrows = new Map<string, L.Marker>();
  for (const move of relocations.moves) {
    const colour = colours.get(move.unit) ?? '#555';
    const line = L.polyline(move.path, {
      className: `lx-move lx-move-${move.status.toLowerCase()}`,
      color: colour,
      weight: 2,
      opacity: 0.6,
      dashArray: move.status === 'DONE' ? undefined : '6 4',
    })
      .bindTooltip(moveTip(move), { sticky: true, className: 'lx-tip' })
      .on('mouseover', () => onMove(move.key))
      .on('mouseout', () => onMove(null));
    // Keyed in the page like its row in the moves table.
    line.on('add', () => {
      line.getElement()?.setAttribute('data-move', move.key);
      line.getElement()?.setAttribute('data-status', move.status);
    });
    line.addTo(layer);
    lines.set(move.key, line);
    // The arrowhead stops short of the site's square, pointing along the move.
    const arrow = L.marker(move.path[move.path.length - 1], {
      icon: L.divIcon({
        className: `lx-arrow lx-arrow-${move.status.toLowerCase()}`,
        iconSize: [0, 0],
        html:
          `<svg width="24" height="24" viewBox="-12 -12 24 24" style="transform: rotate(${bearing(map, move.path)}deg)">` +
          `<path d="M -21 -5 L -9 0 L -21 5 Z" fill="${MOVE_STATUS_COLOURS[move.status]}" /></svg>`,
      }),
      interactive: false,
      keyboard: false,
    }).addTo(layer);
    arrows.set(move.key, arrow);
  }

  const maxMu = Math.max(1, ...relocations.compounds.map((c) => c.landMu ?? 0));
  for (const compound of relocations.compounds) {
    const colour = colours.get(compound.owner) ?? '#555';
    const radius = 3 + 11 * Math.sqrt((compound.landMu ?? 0) / maxMu);
    const move = relocations.moves.find((m) => m.from === compound.name);
    L.circleMarker(compound.at, {
      className: 'lx-compound',
      radius,
      color: colour,
      weight: 1.5,
      fillColor: colour,
      fillOpacity: 0.45,
    })
      .bindTooltip(
        `<strong>${escape(compound.name)}</strong><br>产权单位：${escape(compound.owner)}<br>` +
          `占地：${compound.landMu != null ? `${amount(compound.landMu)} 亩` : '—'}<br>` +
          `状态：${MOVE_STATUS_NAMES[compound.status]}` +
          (compound.movedOn ? `<br>搬迁日期：${date(compound.movedOn)}` : '') +
          (move ? `<br>迁往：${escape(move.to)}` : ''),
        { direction: 'top', className: 'lx-tip' },
      )
      .on('mouseover', () => move && onMove(move.key))
      .on('mouseout', () => onMove(null))
      .addTo(layer);
  }

  for (const site of relocations.sites) {
    const colour = colourOfSite.get(site.name) ?? '#555';
    L.marker(site.at, {
      icon: L.divIcon({
        className: 'lx-site',
        iconSize: [16, 16],
        html: `<span style="background:${colour}"></span>`,
      }),
      keyboard: false,
    })
      .bindTooltip(
        `<strong>${escape(site.name)}</strong><br>新址，迁入厂矿大院 ${movesTo.get(site.name) ?? 0} 个`,
        { direction: 'top', offset: [0, -8], className: 'lx-tip' },
      )
      .addTo(layer);
  }

  const points = [
    ...relocations.compounds.map((c) => c.at),
    ...relocations.sites.map((s) => s.at),
  ];
  return { layer, bounds: points.length > 0 ? L.latLngBounds(points) : null, lines, arrows };
}

/** Bring one move forward and fade the others; null shows them all alike. */
export function highlightMove(drawn: DrawnRelocations, key: string | null): void {
  for (const [moveKey, line] of drawn.lines) {
    const on = moveKey === key;
    line.setStyle({ weight: on ? 5 : 2, opacity: key === null ? 0.6 : on ? 1 : 0.12 });
    if (on) line.bringToFront();
    const arrow = drawn.arrows.get(moveKey)?.getElement();
    if (arrow) arrow.style.opacity = key === null || on ? '1' : '0.15';
  }
}
