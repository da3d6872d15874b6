import type { PlanProject } from './planData';
import { figureRows } from './figures';

/** The figures table: the documents' figure with its qualifier, and the graph's own count. */
export function Figures({ project }: { project: PlanProject }) {
  const rows = figureRows(project);
  if (rows.length === 0) return <p className="none">暂无数据</p>;
  return (
    <table className="compact figures" data-testid="figures">
      <thead>
        <tr>
          <th>指标</th>
          <th>文件所载</th>
          <th>图谱记录</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-figure={row.key}>
            <td>
              {row.name}
              {row.quote && <small>“{row.quote}”</small>}
            </td>
            <td className="stated">{row.stated ?? '—'}</td>
            <td>{row.recorded ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
