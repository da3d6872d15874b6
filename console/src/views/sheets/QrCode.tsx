// A QR code from the service's SVG markup, scaled to fill its box on paper.

import { useLayoutEffect, useRef } from 'react';

/** Only markup that is an SVG document is inserted; the QR comes from our own service. */
export function svgOrNull(markup: string | null | undefined): string | null {
  if (!markup) return null;
  const start = markup.trimStart();
  return start.startsWith('<svg') || start.startsWith('<?xml') ? markup : null;
}

/** The SVG with a viewBox from its own size, so CSS can scale it; the service gives pixels only. */
export function QrCode({ markup }: { markup: string }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const svg = box.current?.querySelector('svg');
    if (!svg) return;
    const width = parseFloat(svg.getAttribute('width') ?? '');
    const height = parseFloat(svg.getAttribute('height') ?? '');
    if (!svg.hasAttribute('viewBox') && width > 0 && height > 0) {
      svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    }
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('shape-rendering', 'crispEdges');
  }, [markup]);
  return (
    <div className="qr" data-testid="qr" ref={box} dangerouslySetInnerHTML={{ __html: markup }} />
  );
}
