// One Leaflet map per mounted element, removed with it.

import type L from 'leaflet';
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';

import { createMap } from './basemap';

/** The map drawn in `ref`'s element once it is mounted; null before. */
export function useLeafletMap(ref: RefObject<HTMLDivElement | null>): L.Map | null {
  const [map, setMap] = useState<L.Map | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const created = createMap(ref.current);
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, [ref]);
  return map;
}
