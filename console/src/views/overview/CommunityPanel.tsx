import { count, date } from '../../format';
import type { MapCommunity } from '../../map/basemapData';
import { KIND_NAMES } from '../../map/projectKinds';
import type { OverviewProject } from './overviewData';
import type { Responsibility } from './responsibility';

const LEVEL_NAMES = ['本小区', '本片区', '全区'];

interface Props {
  community: MapCommunity;
  /** Null while the routing rules are loading; undefined when they could not be read. */
  responsible: Responsibility[] | null | undefined;
  projects: OverviewProject[];
  onProject: (project: OverviewProject) => void;
}

/** One community: its figures, observers, responsible organizations and the projects touching it. */
export function CommunityPanel({ community, responsible, projects, onProject }: Props) {
  return (
    <div data-testid="community-panel">
      <h3>{community.name}</h3>
      <dl className="facts">
        <dt>片区</dt>
        <dd>{community.parent?.name ?? '—'}</dd>
        <dt>户数</dt>
        <dd>{community.households == null ? '—' : `${count(community.households)} 户`}</dd>
        <dt>移交日期</dt>
        <dd>{date(community.handedOverOn)}</dd>
      </dl>
      <h4>幸福观察员</h4>
      {community.observers.length === 0 ? (
        <p className="none">暂无观察员</p>
      ) : (
        <ul className="observers" data-testid="observers">
          {community.observers.map((person) => (
            <li key={person.id}>
              <strong>{person.name}</strong>
              <span>{person.title ?? ''}</span>
              <span>{person.phone ?? '电话未登记'}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>责任单位（按问题类别）</h4>
      {responsible === undefined ? (
        <p className="none">暂无法读取派单规则</p>
      ) : responsible === null ? (
        <p className="loading">正在加载责任单位…</p>
      ) : responsible.length === 0 ? (
        <p className="none">没有适用的派单规则，由中心兜底受理</p>
      ) : (
        <table className="compact" data-testid="responsible">
          <thead>
            <tr>
              <th>类别</th>
              <th>牵头单位</th>
              <th>协办单位</th>
              <th>依据规则</th>
            </tr>
          </thead>
          <tbody>
            {responsible.map((entry) => (
              <tr key={entry.category}>
                <td className="nowrap">{entry.category}</td>
                <td>{entry.rule.lead?.name ?? '—'}</td>
                <td>{entry.rule.assists.map((org) => org.name).join('、') || '—'}</td>
                <td className="rule">
                  {entry.rule.name ?? '未命名规则'}
                  <small>
                    {LEVEL_NAMES[entry.areaDistance] ?? '上级区域'} · 优先级 {count(entry.rule.priority ?? 0)}
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>涉及本小区的项目</h4>
      {projects.length === 0 ? (
        <p className="none">暂无</p>
      ) : (
        <ul className="projects" data-testid="community-projects">
          {projects.map((project) => (
            <li key={project.id}>
              <button type="button" className="link" onClick={() => onProject(project)}>
                {project.name}
              </button>
              <span className="kind">{project.kind ? KIND_NAMES[project.kind] : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
