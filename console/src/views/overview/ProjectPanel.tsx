import { count, date } from '../../format';
import { KIND_NAMES, STATUS_NAMES, planned } from '../../map/projectKinds';
import { navigate } from '../../router';
import type { OverviewProject } from './overviewData';

/** One project: what it is, where it stands, whom it served, and its plan map when it has one. */
export function ProjectPanel({ project }: { project: OverviewProject }) {
  const plan = `/plan?project=${encodeURIComponent(project.id)}`;
  return (
    <div data-testid="project-panel">
      <h3>{project.name}</h3>
      <dl className="facts">
        <dt>类型</dt>
        <dd>{project.kind ? KIND_NAMES[project.kind] : '—'}</dd>
        <dt>状态</dt>
        <dd>{project.status ? STATUS_NAMES[project.status] : '—'}</dd>
        <dt>开始</dt>
        <dd>{date(project.startDate)}</dd>
        <dt>结束</dt>
        <dd>{project.endDate ? date(project.endDate) : '尚未结束'}</dd>
        <dt>服务人数</dt>
        <dd>{project.peopleServed == null ? '—' : `${count(project.peopleServed)} 人`}</dd>
        <dt>牵头单位</dt>
        <dd>{project.ledBy?.name ?? '—'}</dd>
        <dt>所在区域</dt>
        <dd>{project.area?.name ?? '未标注'}</dd>
        <dt>涉及小区</dt>
        <dd>{project.affects.length > 0 ? `${count(project.affects.length)} 个` : '—'}</dd>
      </dl>
      {project.affects.length > 0 && (
        <p className="affected">{project.affects.map((area) => area.name).join('、')}</p>
      )}
      {planned(project.kind) && (
        <a
          className="to-plan"
          href={plan}
          onClick={(event) => {
            event.preventDefault();
            navigate(plan);
          }}
        >
          在规划地图中查看 →
        </a>
      )}
    </div>
  );
}
