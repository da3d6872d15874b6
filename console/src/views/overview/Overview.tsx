import L from 'leaflet';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';

import { explain } from '../../errors';
import { count } from '../../format';
import { COMMUNITY_STYLE, drawBasemap } from '../../map/basemap';
import { declutter } from '../../map/declutter';
import { lineage, loadBasemap } from '../../map/basemapData';
import { addLegend } from '../../map/legend';
import { KIND_COLOURS, KIND_NAMES } from '../../map/projectKinds';
import { useLeafletMap } from '../../map/useLeafletMap';
import { today } from '../../map/today';
import { useLoaded } from '../../map/useLoaded';
import type { ProjectKind } from '../../gql/graphql';
import { CommunityPanel } from './CommunityPanel';
import { loadOverview } from './overviewData';
import type { OverviewProject } from './overviewData';
import { ProjectPanel } from './ProjectPanel';
import { drawProjects } from './projectLayer';
import { responsibilities } from './responsibility';
import './overview.css';

type Chosen = { community: string } | { project: string } | null;

/** The overview map: every community and project, and what a click on one tells. */
export default function Overview() {
  const basemap = useLoaded(loadBasemap, []);
  const details = useLoaded(loadOverview, []);
  const element = useRef<HTMLDivElement>(null);
  const map = useLeafletMap(element);
  const [chosen, setChosen] = useState<Chosen>(null);
  const [dots, setDots] = useState<Map<string, L.CircleMarker>>(new Map());
  const [markers, setMarkers] = useState<Map<string, L.CircleMarker>>(new Map());

  useEffect(() => {
    if (!map || !basemap.data) return;
    const drawn = drawBasemap(map, basemap.data, {
      communityLabels: true,
      onCommunity: (community) => setChosen({ community: community.id }),
    });
    map.fitBounds(drawn.bounds);
    setDots(drawn.dots);
    const legend = addLegend(map, '图例', [
      ...(Object.keys(KIND_NAMES) as ProjectKind[]).map((kind) => ({
        colour: KIND_COLOURS[kind],
        label: KIND_NAMES[kind],
      })),
      { colour: '#5b6b7c', label: '移交小区', shape: 'ring' as const },
    ]);
    return () => {
      drawn.layer.remove();
      legend.remove();
    };
  }, [map, basemap.data]);

  const projects = details.data?.projects;
  const [unplaced, setUnplaced] = useState<OverviewProject[]>([]);
  useEffect(() => {
    if (!map || !basemap.data || !projects) return;
    const drawn = drawProjects(map, projects, basemap.data, (project) =>
      setChosen({ project: project.id }),
    );
    setMarkers(drawn.markers);
    setUnplaced(drawn.unplaced);
    return () => {
      drawn.layer.remove();
    };
  }, [map, basemap.data, projects]);

  const community =
    chosen && 'community' in chosen
      ? basemap.data?.communities.find((c) => c.id === chosen.community)
      : undefined;
  const project =
    chosen && 'project' in chosen ? projects?.find((p) => p.id === chosen.project) : undefined;

  useEffect(() => {
    const affected = new Set(project?.affects.map((area) => area.id) ?? []);
    for (const [id, dot] of dots) {
      dot.getTooltip()?.getElement()?.classList.toggle('lx-chosen', id === community?.id);
      if (id === community?.id) {
        dot.setStyle({ ...COMMUNITY_STYLE, radius: 7, weight: 2, color: '#c0392b', fillColor: '#f5b7b1' });
        dot.bringToFront();
      } else if (affected.has(id) && project?.kind) {
        dot.setStyle({ ...COMMUNITY_STYLE, radius: 6, fillColor: KIND_COLOURS[project.kind] });
      } else {
        dot.setStyle(COMMUNITY_STYLE);
      }
    }
    for (const [id, marker] of markers) {
      marker.setStyle(id === project?.id ? { weight: 3, color: '#1f2a37', radius: 9 } : { weight: 2, color: '#ffffff', radius: 7 });
    }
    // The chosen community's name shows even where it would crowd a neighbour's.
    if (map) declutter(map, '.lx-community-label');
  }, [map, dots, markers, community, project]);

  const responsible = useMemo(() => {
    if (!community || !basemap.data || !details.data) return null;
    return responsibilities(
      lineage(community.id, basemap.data.parentOf),
      details.data.rules,
      details.data.categories,
      today(),
    );
  }, [community, basemap.data, details.data]);

  const error = basemap.error ?? details.error;
  const counts = (Object.keys(KIND_NAMES) as ProjectKind[]).map((kind) => ({
    kind,
    n: projects?.filter((p) => p.kind === kind).length ?? 0,
  }));
  return (
    <section className="overview">
      <div className="map-frame">
        <div className="lx-map" ref={element} data-testid="overview-map" />
        {!basemap.data && !error && <p className="map-note loading">正在加载地图…</p>}
      </div>
      <aside className="side">
        {error && <p className="problem">{explain(error)}</p>}
        {community ? (
          <>
            <button type="button" className="link back" onClick={() => setChosen(null)}>
              ← 返回总览
            </button>
            <CommunityPanel
              community={community}
              responsible={details.error ? undefined : responsible}
              projects={projects?.filter((p) => p.affects.some((a) => a.id === community.id)) ?? []}
              onProject={(p) => setChosen({ project: p.id })}
            />
          </>
        ) : project ? (
          <>
            <button type="button" className="link back" onClick={() => setChosen(null)}>
              ← 返回总览
            </button>
            <ProjectPanel project={project} />
          </>
        ) : (
          <div data-testid="summary">
            <h3>总览</h3>
            <dl className="facts">
              <dt>移交小区</dt>
              <dd>{basemap.data ? `${count(basemap.data.communities.length)} 个` : '—'}</dd>
              <dt>片区</dt>
              <dd>{basemap.data ? `${count(basemap.data.streets.length)} 个` : '—'}</dd>
              {counts.map(({ kind, n }) => (
                <Fragment key={kind}>
                  <dt>{KIND_NAMES[kind]}</dt>
                  <dd>{projects ? `${count(n)} 项` : '—'}</dd>
                </Fragment>
              ))}
            </dl>
            <p className="hint">点击地图上的小区或项目，查看详情。</p>
            {unplaced.length > 0 && (
              <p className="hint">
                另有 {count(unplaced.length)} 个项目未标注地点：{unplaced.map((p) => p.name).join('、')}
              </p>
            )}
          </div>
        )}
      </aside>
    </section>
  );
}
