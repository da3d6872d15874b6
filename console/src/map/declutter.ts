// Labels that would overprint one another: the later ones are hidden until the map is zoomed in.

import type L from 'leaflet';

/**
 * Hide every `selector` label in `map` that overlaps one shown before it: those marked
 * `lx-chosen` first, then in document order.
 */
export function declutter(map: L.Map, selector: string): void {
  const kept: DOMRect[] = [];
  const labels = [...map.getContainer().querySelectorAll<HTMLElement>(selector)];
  const chosenFirst = [
    ...labels.filter((label) => label.classList.contains('lx-chosen')),
    ...labels.filter((label) => !label.classList.contains('lx-chosen')),
  ];
  for (const label of chosenFirst) {
    label.style.visibility = '';
    const box = label.getBoundingClientRect();
    const clash = kept.some(
      (other) =>
        box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom,
    );
    if (clash) label.style.visibility = 'hidden';
    else kept.push(box);
  }
}
