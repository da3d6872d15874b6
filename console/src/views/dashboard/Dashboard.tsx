import { useMemo, useState } from 'react';
import { useQuery } from 'urql';

import { graphql } from '../../gql';
import { Figures } from './Figures';
import { Hotline } from './Hotline';
import { periodName, rangeOf } from './period';
import type { Period } from './period';
import { Projects } from './Projects';
import { Ranking } from './Ranking';
import { ThreeRates } from './ThreeRates';
import './dashboard.css';

const YEARS = graphql(`
  query DashboardYears {
    impact(scope: MONTH) {
      key
    }
  }
`);

/** The period chooser: everything, the last twelve months, or one of the years with issues. */
function PeriodChooser({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const [{ data }] = useQuery({ query: YEARS });
  const years = [...new Set((data?.impact ?? []).map((group) => Number(group.key.slice(0, 4))))].sort();
  const value = period.kind === 'year' ? String(period.year) : period.kind;
  return (
    <label className="period">
      统计时段
      <select
        name="period"
        value={value}
        onChange={(event) => {
          const chosen = event.target.value;
          onChange(
            chosen === 'all' || chosen === 'recent'
              ? { kind: chosen }
              : { kind: 'year', year: Number(chosen) },
          );
        }}
      >
        <option value="all">全部</option>
        <option value="recent">近12个月</option>
        {years.map((year) => (
          <option key={year} value={year}>
            {year}年
          </option>
        ))}
      </select>
    </label>
  );
}

/** The leader's dashboard: headline figures, the three rates, rankings, hotline volume, projects. */
export default function Dashboard() {
  const [period, setPeriod] = useState<Period>({ kind: 'all' });
  const range = useMemo(() => rangeOf(period), [period]);
  const title = periodName(period);
  return (
    <div className="dashboard">
      <header className="dashboard-head">
        <h2>领导看板</h2>
        <PeriodChooser period={period} onChange={setPeriod} />
      </header>
      <Figures />
      <ThreeRates range={range} periodTitle={title} />
      <Ranking range={range} periodTitle={title} />
      <Hotline />
      <Projects />
    </div>
  );
}
