import { useEffect, useRef } from 'react';

import { count, share } from '../../format';
import { COMMUNITY_STYLE, drawBasemap } from '../../map/basemap';
import type { BasemapData } from '../../map/basemapData';
import { escape } from '../../map/escape';
import { addLegend } from '../../map/legend';
import { useLeafletMap } from '../../map/useLeafletMap';
import { RATE_LEGEND, rateColour, rateOf } from './coverageData';
import type { CommunityRow } from './coverageData';

interface Props {
  basemap: BasemapData;
  /** The period's communities with regional units; null while they load. */
  rows: CommunityRow[] | null;
  chosen: string | null;
  onCommunity: (id: string) => void;
}

/** The communities as dots coloured by their coverage rate; a click picks one. */
export function CoverageMap({ basemap, rows, chosen, onCommunity }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const map = useLeafletMap(element);
  const dots = useRef<ReturnType<typeof drawBasemap>['dots']>(new Map());

  useEffect(() => {
    if (!map) return;
    const drawn = drawBasemap(map, basemap, {
      communityLabels: false,
      onCommunity: (community) => onCommunity(community.id),
    });
    map.fitBounds(drawn.bounds);
    dots.current = drawn.dots;
    const legend = addLegend(map, '覆盖率', RATE_LEGEND);
    return () => {
      drawn.layer.remove();
      legend.remove();
    };
  }, [map, basemap, onCommunity]);

  useEffect(() => {
    if (!map) return;
    const byId = new Map((rows ?? []).map((row) => [row.community?.id, row]));
    for (const community of basemap.communities) {
      const dot = dots.current.get(community.id);
      if (!dot) continue;
      const row = byId.get(community.id);
      const rate = row ? rateOf(row) : null;
      const picked = community.id === chosen;
      dot.setStyle({
        ...COMMUNITY_STYLE,
        radius: picked ? 9 : 7,
        weight: picked ? 3 : 1,
        color: picked ? '#1f2a37' : '#5b6b7c',
        fillColor: rows ? rateColour(rate) : COMMUNITY_STYLE.fillColor,
      });
      dot.getElement()?.setAttribute('data-rate', rate === null ? '' : String(rate));
      const figures = row
        ? `覆盖率 ${share(rate)}（${count(row.contacted)}/${count(row.units)}）`
        : '无区域单位';
      dot.setTooltipContent(`${escape(community.name)}<br>${figures}`);
      if (picked) dot.bringToFront();
    }
  }, [map, basemap, rows, chosen]);

  return <div className="lx-map" ref={element} data-testid="coverage-map" />;
}
