// A legend drawn as a Leaflet control: coloured swatches and their Chinese names.

import L from 'leaflet';

export interface LegendEntry {
  colour: string;
  label: string;
  /** The swatch's shape: a dot (default), a ring or a square. */
  shape?: 'dot' | 'ring' | 'square' | 'arrow';
}

/** A legend titled `title`, added to `map` at the top right. */
export function addLegend(map: L.Map, title: string, entries: LegendEntry[]): L.Control {
  const legend = new L.Control({ position: 'topright' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'lx-legend');
    box.setAttribute('data-testid', 'legend');
    const heading = L.DomUtil.create('strong', '', box);
    heading.textContent = title;
    for (const entry of entries) {
      const row = L.DomUtil.create('div', '', box);
      const swatch = L.DomUtil.create('span', `swatch ${entry.shape ?? 'dot'}`, row);
      if (entry.shape === 'ring') {
        swatch.style.border = `3px solid ${entry.colour}`;
        swatch.style.background = '#fff';
      } else {
        swatch.style.background = entry.colour;
      }
      row.append(entry.label);
    }
    return box;
  };
  return legend.addTo(map);
}
