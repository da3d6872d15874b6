import { useQuery } from 'urql';

import { explain } from '../../errors';
import { amount, count } from '../../format';
import { graphql } from '../../gql';

const FIGURES = graphql(`
  query DashboardFigures {
    stats {
      communities
      regionalUnits
      observers
      stations
      stationStaff
      livelihoodProjects
      jointlyResolvedIssues
      relocations {
        name
        units
        compounds
        days
        meetings
        landMu
      }
    }
    observations(first: 100) {
      nodes {
        id
        indicator
        label
        display
        unit
        source
      }
    }
  }
`);

interface Figure {
  title: string;
  /** The graph's own count. */
  counted: number | null;
  unit: string;
  /** The documents' figure on the same thing, whose display carries its qualifier. */
  indicator: string;
}

/** A headline card: the documents' figure as they state it, the graph's count beside it. */
function Card({ figure, display, label }: { figure: Figure; display?: string; label?: string | null }) {
  const counted =
    figure.counted === null
      ? '—'
      : Number.isInteger(figure.counted)
        ? count(figure.counted)
        : amount(figure.counted);
  return (
    <div className="figure" data-testid={`figure-${figure.indicator}`} title={label ?? undefined}>
      <span className="figure-value">
        {display ?? counted}
        <small>{figure.unit}</small>
      </span>
      <span className="figure-title">{figure.title}</span>
      {display !== undefined && display !== counted && (
        <span className="figure-note">
          图谱计 {counted} {figure.unit}
        </span>
      )}
    </div>
  );
}

/** The headline numbers of the center, as cards across the top. */
export function Figures() {
  const [{ data, error, fetching }] = useQuery({ query: FIGURES });
  if (error) return <p className="problem">{explain(error)}</p>;
  if (fetching || !data) return <p className="loading">正在加载主要数字…</p>;
  const { stats } = data;
  const relocation = stats.relocations[0];
  const byIndicator = new Map(data.observations.nodes.map((o) => [o.indicator, o]));
  const figures: Figure[] = [
    { title: '移交小区', counted: stats.communities, unit: '个', indicator: 'handed_over_communities' },
    { title: '服务区域单位', counted: stats.regionalUnits, unit: '家', indicator: 'regional_units_served' },
    { title: '幸福观察员', counted: stats.observers, unit: '名', indicator: 'happiness_observers' },
    { title: '健康驿站', counted: stats.stations, unit: '家', indicator: 'health_stations' },
    { title: '驿站派驻人员', counted: stats.stationStaff, unit: '人', indicator: 'health_staff' },
    { title: '民生工程', counted: stats.livelihoodProjects, unit: '项', indicator: 'livelihood_projects' },
    {
      title: '联合协调解决问题',
      counted: stats.jointlyResolvedIssues,
      unit: '项',
      indicator: 'joint_issues_resolved',
    },
  ];
  if (relocation) {
    figures.push(
      { title: '应急搬迁单位', counted: relocation.units, unit: '家', indicator: 'relocating_units' },
      { title: '搬迁厂矿大院', counted: relocation.compounds, unit: '个', indicator: 'relocated_compounds' },
      { title: '搬迁历时', counted: relocation.days ?? null, unit: '天', indicator: 'relocation_days' },
      { title: '协调会', counted: relocation.meetings, unit: '场', indicator: 'relocation_meetings' },
      { title: '腾空土地', counted: relocation.landMu, unit: '亩', indicator: 'land_freed' },
    );
  }
  return (
    <section className="figures" aria-label="主要数字">
      {figures.map((figure) => {
        const observed = byIndicator.get(figure.indicator);
        return (
          <Card key={figure.indicator} figure={figure} display={observed?.display} label={observed?.label} />
        );
      })}
    </section>
  );
}
