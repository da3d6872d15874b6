// The project's figures: what the documents state (with their qualifiers) beside what the graph holds.

import { amount, count } from '../../format';
import type { PlanProject } from './planData';

export interface FigureRow {
  key: string;
  name: string;
  /** The documents' figure as they state it ('30+ 场'); null when they give none. */
  stated: string | null;
  /** The sentence it comes from. */
  quote: string | null;
  /** What the graph records; null when it records nothing for this figure. */
  recorded: string | null;
}

interface Derived {
  indicator: string;
  name: string;
  unit: string;
  value: (project: PlanProject) => string | null;
  relocationOnly: boolean;
}

// The documents' indicators that the graph also derives, so the two are shown side by side.
const DERIVED: Derived[] = [
  { indicator: 'relocating_units', name: '搬迁单位', unit: '家', value: (p) => count(p.unitsRelocated), relocationOnly: true },
  { indicator: 'relocated_compounds', name: '搬迁厂矿大院', unit: '个', value: (p) => count(p.compoundsRelocated), relocationOnly: true },
  { indicator: 'relocation_days', name: '历时', unit: '天', value: (p) => (p.daysTaken == null ? null : count(p.daysTaken)), relocationOnly: false },
  { indicator: 'relocation_meetings', name: '协调会', unit: '场', value: (p) => count(p.meetingCount), relocationOnly: false },
  { indicator: 'land_freed', name: '腾空土地', unit: '亩', value: (p) => amount(p.landFreedMu), relocationOnly: true },
];

function stated(display: string, unit: string | null | undefined): string {
  return unit ? `${display} ${unit}` : display;
}

/** One row per derived figure, then any other figure the documents give about the project. */
export function figureRows(project: PlanProject): FigureRow[] {
  const relocation = project.kind === 'RELOCATION';
  const rows: FigureRow[] = [];
  const used = new Set<string>();
  for (const derived of DERIVED) {
    const observation = project.observations.find((o) => o.indicator === derived.indicator);
    if (!observation && derived.relocationOnly && !relocation) continue;
    if (observation) used.add(observation.id);
    const value = derived.value(project);
    rows.push({
      key: derived.indicator,
      name: derived.name,
      stated: observation ? stated(observation.display, observation.unit) : null,
      quote: observation?.label ?? null,
      recorded: value === null ? null : `${value} ${derived.unit}`,
    });
  }
  for (const observation of project.observations) {
    if (used.has(observation.id)) continue;
    rows.push({
      key: observation.id,
      name: observation.label ?? observation.indicator,
      stated: stated(observation.display, observation.unit),
      quote: observation.label ?? null,
      recorded: null,
    });
  }
  return rows;
}
