import { useMemo } from 'react';
import { useQuery } from 'urql';

import { Chart } from '../../charts/Chart';
import type { ChartOption } from '../../charts/echarts';
import { explain } from '../../errors';
import { amount, count } from '../../format';
import { graphql } from '../../gql';

const PROJECTS = graphql(`
  query DashboardProjects {
    projectImpact(first: 50) {
      project {
        id
        name
      }
      peopleServed
      communitiesAffected
      unitsInvolved
      observations {
        id
        label
        display
        unit
      }
    }
  }
`);

type Impact = { project: { name: string }; peopleServed?: number | null };

/** People served per project, most first, as horizontal bars. */
function servedBars(impacts: Impact[]): ChartOption {
  const served = impacts.filter((impact) => impact.peopleServed != null).reverse();
  return {
    animation: false,
    color: ['#2e9a5e'],
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => `${count(Number(value))} 人`,
    },
    // 万 keeps the axis labels short enough not to run into each other.
    xAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) => (value >= 10000 ? `${amount(value / 10000)}万` : count(value)),
      },
    },
    yAxis: { type: 'category', data: served.map((impact) => impact.project.name) },
    series: [
      {
        type: 'bar',
        name: '服务人数',
        data: served.map((impact) => impact.peopleServed ?? 0),
        label: {
          show: true,
          position: 'right',
          formatter: (params: { value: unknown }) => count(Number(params.value)),
        },
      },
    ],
  };
}

/** Whom each livelihood project and service program reached, with the documents' figures. */
export function Projects() {
  const [{ data, error, fetching }] = useQuery({ query: PROJECTS });
  const impacts = useMemo(
    () => [...(data?.projectImpact ?? [])].sort((a, b) => (b.peopleServed ?? -1) - (a.peopleServed ?? -1)),
    [data],
  );
  const option = useMemo(() => servedBars(impacts), [impacts]);
  return (
    <section className="section" aria-labelledby="projects-title">
      <header className="section-head">
        <h3 id="projects-title">民生工程与服务项目成效</h3>
      </header>
      {error && <p className="problem">{explain(error)}</p>}
      {fetching && !data && <p className="loading">正在加载项目成效…</p>}
      {data && (
        <div className="projects">
          <Chart
            option={option}
            height={Math.max(200, impacts.length * 30)}
            label="各项目服务人数"
            testId="projects-chart"
          />
          <table data-testid="projects">
            <thead>
              <tr>
                <th>项目</th>
                <th>服务人数</th>
                <th>涉及小区</th>
                <th>参与单位</th>
                <th>文件数字</th>
              </tr>
            </thead>
            <tbody>
              {impacts.map((impact) => (
                <tr key={impact.project.id}>
                  <td>{impact.project.name}</td>
                  <td className="num">
                    {impact.peopleServed == null ? '未记录' : count(impact.peopleServed)}
                  </td>
                  <td className="num">{count(impact.communitiesAffected)}</td>
                  <td className="num">{count(impact.unitsInvolved)}</td>
                  <td className="observed">
                    {impact.observations.map((observation) => (
                      <span key={observation.id} title={observation.label ?? undefined}>
                        {observation.label ? `${observation.label}：` : ''}
                        <strong>{observation.display}</strong>
                        {observation.unit ?? ''}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
