import L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';

import { explain } from '../../errors';
import type { MoveStatus } from '../../gql/graphql';
import { count, date } from '../../format';
import { drawBasemap } from '../../map/basemap';
import { loadBasemap } from '../../map/basemapData';
import { addLegend } from '../../map/legend';
import { KIND_COLOURS, KIND_NAMES, STATUS_NAMES } from '../../map/projectKinds';
import { useLeafletMap } from '../../map/useLeafletMap';
import { today } from '../../map/today';
import { useLoaded } from '../../map/useLoaded';
import { navigate, useLocation } from '../../router';
import { abilities, currentSession } from '../../session';
import { Figures } from './Figures';
import { Meetings } from './Meetings';
import { MOVE_STATUSES, MOVE_STATUS_COLOURS, MOVE_STATUS_NAMES } from './moveStatus';
import { Moves } from './Moves';
import { PROJECT, RELOCATION_MAP, UPDATE_MOVE, defaultChoice, loadChoices } from './planData';
import { Progress } from './Progress';
import { drawProjectArea } from './projectArea';
import { readRelocations } from './relocationFeatures';
import type { Move } from './relocationFeatures';
import { drawRelocations, highlightMove, unitColours } from './relocationLayer';
import type { DrawnRelocations } from './relocationLayer';
import '../overview/overview.css';
import './plan.css';

/** The planner's map: a relocation's compounds, new sites and moves, or a renovation's area. */
export default function PlanMap() {
  const location = useLocation();
  const choices = useLoaded(loadChoices, []);
  const basemap = useLoaded(loadBasemap, []);
  const requested = location.searchParams.get('project');
  const chosen = choices.data ? defaultChoice(choices.data, requested) : undefined;
  const relocation = chosen?.kind === 'RELOCATION';
  const [projectResult, refetchProject] = useQuery({
    query: PROJECT,
    variables: { id: chosen?.id ?? '' },
    pause: !chosen,
  });
  // relocationMap refuses any other kind of project (BAD_USER_INPUT), so it is asked only for these.
  const [mapResult, refetchMap] = useQuery({
    query: RELOCATION_MAP,
    variables: { id: chosen?.id ?? '' },
    pause: !chosen || !relocation,
  });
  const project = projectResult.data?.project ?? null;
  const relocations = useMemo(
    () => (relocation && mapResult.data ? readRelocations(mapResult.data.relocationMap) : null),
    [relocation, mapResult.data],
  );
  const colours = useMemo(() => (relocations ? unitColours(relocations) : new Map<string, string>()), [relocations]);
  const plans = abilities(currentSession()?.role ?? 'VIEWER').plans;
  const [changing, setChanging] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const client = useClient();
  const changeStatus = useCallback(
    async (move: Move, status: MoveStatus) => {
      // DONE needs the day it happened and BLOCKED a reason: the service refuses either without.
      const note = status === 'BLOCKED' ? window.prompt(`请填写${move.from}受阻的原因`, move.note ?? '') : null;
      if (status === 'BLOCKED' && !note?.trim()) return;
      setChanging(true);
      setRefusal(null);
      const input = {
        move: btoa(`Move:${move.move}`),
        status,
        movedOn: status === 'DONE' ? today() : null,
        note,
        clientKey: crypto.randomUUID(),
      };
      const answer = await client.mutation(UPDATE_MOVE, { input }).toPromise();
      setChanging(false);
      const refused = answer.data?.updateMove.userErrors ?? [];
      if (answer.error) setRefusal(explain(answer.error));
      else if (refused.length > 0) setRefusal(refused.map((e) => e.message).join('；'));
      refetchProject({ requestPolicy: 'network-only' });
      refetchMap({ requestPolicy: 'network-only' });
    },
    [client, refetchProject, refetchMap],
  );

  const element = useRef<HTMLDivElement>(null);
  const map = useLeafletMap(element);
  const [basemapBounds, setBasemapBounds] = useState<L.LatLngBounds | null>(null);
  useEffect(() => {
    if (!map || !basemap.data) return;
    const drawn = drawBasemap(map, basemap.data, { communityLabels: false });
    setBasemapBounds(drawn.bounds);
    map.fitBounds(drawn.bounds);
    return () => {
      drawn.layer.remove();
    };
  }, [map, basemap.data]);

  const [drawn, setDrawn] = useState<DrawnRelocations | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  useEffect(() => {
    if (!map || !relocations || !basemapBounds) return;
    const layer = drawRelocations(map, relocations, setHovered);
    setDrawn(layer);
    if (layer.bounds) map.fitBounds(L.latLngBounds([]).extend(basemapBounds).extend(layer.bounds.pad(0.05)));
    const legend = addLegend(map, '图例', [
      { colour: '#7f8c8d', label: '原厂矿大院（圆越大占地越多；同色为同一单位）' },
      { colour: '#7f8c8d', label: '新址', shape: 'square' },
      { colour: '#7f8c8d', label: '搬迁路线（箭头指向新址；未完成的为虚线）', shape: 'arrow' },
      ...MOVE_STATUSES.map((status) => ({
        colour: MOVE_STATUS_COLOURS[status],
        label: `箭头：${MOVE_STATUS_NAMES[status]}`,
        shape: 'arrow' as const,
      })),
      { colour: '#5b6b7c', label: '移交小区', shape: 'ring' },
    ]);
    return () => {
      layer.layer.remove();
      legend.remove();
      setDrawn(null);
    };
  }, [map, relocations, basemapBounds]);

  useEffect(() => {
    if (drawn) highlightMove(drawn, hovered);
  }, [drawn, hovered]);

  useEffect(() => {
    if (!map || !basemap.data || !project || project.kind === 'RELOCATION') return;
    const layer = drawProjectArea(map, project, basemap.data);
    const legend = addLegend(map, '图例', [
      { colour: KIND_COLOURS[project.kind ?? 'RENOVATION'], label: '项目范围', shape: 'ring' },
      { colour: KIND_COLOURS[project.kind ?? 'RENOVATION'], label: '受影响小区' },
      { colour: '#5b6b7c', label: '移交小区', shape: 'ring' },
    ]);
    return () => {
      layer.remove();
      legend.remove();
    };
  }, [map, basemap.data, project]);

  const error = choices.error ?? basemap.error ?? projectResult.error ?? mapResult.error;
  const units = relocations ? new Set(relocations.moves.map((m) => m.unit)).size : 0;
  return (
    <section className="plan">
      <div className="map-frame">
        <div className="lx-map" ref={element} data-testid="plan-map" />
        {(!basemap.data || (relocation && mapResult.fetching)) && !error && (
          <p className="map-note loading">正在加载地图…</p>
        )}
      </div>
      <aside className="side">
        <label className="chooser">
          项目
          <select
            name="project"
            value={chosen?.id ?? ''}
            onChange={(event) => navigate(`/plan?project=${encodeURIComponent(event.target.value)}`)}
          >
            {(['RELOCATION', 'RENOVATION'] as const).map((kind) => (
              <optgroup key={kind} label={KIND_NAMES[kind]}>
                {choices.data
                  ?.filter((c) => c.kind === kind)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        {error && <p className="problem">{explain(error)}</p>}
        {choices.data && !chosen && <p className="none">暂无搬迁或改造项目</p>}
        {chosen && requested && chosen.id !== requested && (
          <p className="none">所选项目不是搬迁或改造项目，或已不存在；现显示默认项目。</p>
        )}
        {(!choices.data || projectResult.fetching) && !error && <p className="loading">正在加载…</p>}
        {project && (
          <div data-testid="plan-panel">
            <h3>{project.name}</h3>
            <p className="meta">
              {project.kind ? KIND_NAMES[project.kind] : ''} · {project.status ? STATUS_NAMES[project.status] : ''} ·{' '}
              {date(project.startDate)} 至 {project.endDate ? date(project.endDate) : '今'}
              {project.ledBy && <> · 牵头：{project.ledBy.name}</>}
            </p>
            {relocations && (
              <p className="headline" data-testid="headline">
                <strong>{count(relocations.compounds.length)}</strong> 个厂矿大院 →{' '}
                <strong>{count(relocations.sites.length)}</strong> 处新址
                <span>涉及 {count(units)} 家单位</span>
              </p>
            )}
            {project.kind !== 'RELOCATION' && (
              <dl className="facts">
                <dt>所在区域</dt>
                <dd>{project.area?.name ?? '未标注'}</dd>
                <dt>受影响小区</dt>
                <dd data-testid="affected">
                  {project.affects.length > 0 ? project.affects.map((a) => a.name).join('、') : '—'}
                </dd>
              </dl>
            )}
            {project.progress.movesTotal > 0 && (
              <>
                <h4>进度（由各项搬迁汇总）</h4>
                <Progress progress={project.progress} />
              </>
            )}
            <h4>数据</h4>
            <Figures project={project} />
            {relocations && (
              <>
                <h4>搬迁明细（{count(relocations.moves.length)} 处）</h4>
                {refusal && (
                  <p className="problem" role="alert">
                    {refusal}
                  </p>
                )}
                <Moves
                  moves={relocations.moves}
                  colours={colours}
                  highlighted={hovered}
                  onHighlight={setHovered}
                  onStatus={plans ? changeStatus : undefined}
                  busy={changing}
                />
              </>
            )}
            <h4>相关会议（{count(project.meetings.length)} 场）</h4>
            <Meetings meetings={project.meetings} />
          </div>
        )}
      </aside>
    </section>
  );
}
