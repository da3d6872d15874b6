// Names from the graph written into Leaflet's HTML strings (tooltips, labels) as text, never markup.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe to place inside HTML. */
export function escape(text: string | null | undefined): string {
  return (text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
