// The relocationMap GeoJSON read into typed compounds, sites and moves, and the plan's progress.

import type { MoveStatus } from '../../gql/graphql';
import { statusOf } from './moveStatus';

export interface Compound {
  key: string;
  name: string;
  owner: string;
  landMu: number | null;
  movedOn: string | null;
  status: MoveStatus;
  at: [number, number];
}

export interface Site {
  key: string;
  name: string;
  at: [number, number];
}

export interface Move {
  /** The drawn line's key (compound → site), shared by its row in the moves table. */
  key: string;
  /** The Move node's key, for changing it. */
  move: string;
  unit: string;
  from: string;
  to: string;
  status: MoveStatus;
  plannedOn: string | null;
  note: string | null;
  movedOn: string | null;
  landMu: number | null;
  path: [number, number][];
}

export interface Relocations {
  compounds: Compound[];
  sites: Site[];
  moves: Move[];
}

type Json = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const number = (value: unknown) => (typeof value === 'number' ? value : null);

/** [lon, lat] as GeoJSON writes it, turned to Leaflet's [lat, lon]. */
function latLon(position: unknown): [number, number] | null {
  if (!Array.isArray(position) || position.length < 2) return null;
  const [lon, lat] = position;
  return typeof lat === 'number' && typeof lon === 'number' ? [lat, lon] : null;
}

/** Split a FeatureCollection by each feature's `kind`; features it cannot read are left out. */
export function readRelocations(collection: unknown): Relocations {
  const result: Relocations = { compounds: [], sites: [], moves: [] };
  const features = (collection as Json | null)?.features;
  if (!Array.isArray(features)) return result;
  features.forEach((feature: Json, n) => {
    const props = (feature.properties ?? {}) as Json;
    const geometry = (feature.geometry ?? {}) as Json;
    const key = text(feature.id) || text(props.key) || `feature-${n}`;
    if (props.kind === 'compound' || props.kind === 'site') {
      const at = geometry.type === 'Point' ? latLon(geometry.coordinates) : null;
      if (at === null) return;
      if (props.kind === 'site') {
        result.sites.push({ key, name: text(props.name), at });
      } else {
        result.compounds.push({
          key,
          name: text(props.name),
          owner: text(props.owner),
          landMu: number(props.landMu),
          movedOn: text(props.movedOn) || null,
          status: statusOf(props.status),
          at,
        });
      }
    } else if (props.kind === 'move' && geometry.type === 'LineString') {
      const path = (geometry.coordinates as unknown[]).map(latLon);
      if (path.length < 2 || path.some((p) => p === null)) return;
      result.moves.push({
        key,
        move: text(props.move),
        unit: text(props.unit),
        from: text(props.from),
        to: text(props.to),
        status: statusOf(props.status),
        plannedOn: text(props.plannedOn) || null,
        note: text(props.note) || null,
        movedOn: text(props.movedOn) || null,
        landMu: number(props.landMu),
        path: path as [number, number][],
      });
    }
  });
  return result;
}
