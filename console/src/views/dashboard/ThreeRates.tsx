import { useMemo, useState } from 'react';
import { useQuery } from 'urql';

import { Chart } from '../../charts/Chart';
import { explain } from '../../errors';
import { graphql } from '../../gql';
import type { Range } from './period';
import { groupedBars, monthLines } from './rateCharts';
import type { RatedGroup } from './rateCharts';
import { THREE_RATES } from './rates';
import type { RateField } from './rates';

graphql(`
  fragment DashboardRates on ImpactGroup {
    key
    name
    received
    responseRate {
      value
      numerator
      denominator
    }
    resolutionRate {
      value
      numerator
      denominator
    }
    satisfactionRate {
      value
      numerator
      denominator
    }
  }
`);

const THREE_RATES_QUERY = graphql(`
  query DashboardThreeRates($from: DateTime, $to: DateTime) {
    communities: impact(scope: COMMUNITY, from: $from, to: $to) {
      ...DashboardRates
    }
    organizations: impact(scope: ORGANIZATION, from: $from, to: $to) {
      ...DashboardRates
    }
    months: impact(scope: MONTH, from: $from, to: $to) {
      ...DashboardRates
    }
  }
`);

/** Best first by one rate; groups that counted nothing go last, then by size. */
function sortedBy(groups: RatedGroup[], field: RateField): RatedGroup[] {
  const value = (group: RatedGroup) => (group[field].denominator === 0 ? -1 : (group[field].value ?? -1));
  return [...groups].sort((a, b) => value(b) - value(a) || b.received - a.received);
}

/** One chart of groups, or a sentence when the period has none. */
function GroupChart({
  title,
  groups,
  sortField,
  testId,
}: {
  title: string;
  groups: RatedGroup[];
  sortField: RateField;
  testId: string;
}) {
  const option = useMemo(() => groupedBars(sortedBy(groups, sortField)), [groups, sortField]);
  return (
    <figure className="panel">
      <figcaption>{title}</figcaption>
      {groups.length === 0 ? (
        <p className="empty">该时段没有受理记录。</p>
      ) : (
        <Chart option={option} height={420} label={title} testId={testId} />
      )}
    </figure>
  );
}

/** 三率 per community, per organization and per month for the chosen period. */
export function ThreeRates({ range, periodTitle }: { range: Range; periodTitle: string }) {
  const [sortField, setSortField] = useState<RateField>('satisfactionRate');
  const [{ data, error, fetching }] = useQuery({ query: THREE_RATES_QUERY, variables: range });
  const months = useMemo(() => monthLines(data?.months ?? []), [data]);
  return (
    <section className="section" aria-labelledby="three-rates" aria-busy={fetching}>
      <header className="section-head">
        <h3 id="three-rates">三率：响应率、解决率、满意率（{periodTitle}）</h3>
        <label>
          排序
          <select
            name="rateSort"
            value={sortField}
            onChange={(event) => setSortField(event.target.value as RateField)}
          >
            {THREE_RATES.map((rate) => (
              <option key={rate.field} value={rate.field}>
                按{rate.name}从高到低
              </option>
            ))}
          </select>
        </label>
      </header>
      <p className="hint">悬停柱条可见比率及分子/分母；分母为0的比率记为“无数据”，不按0计。</p>
      {fetching && data && <p className="updating">正在更新…</p>}
      {error && <p className="problem">{explain(error)}</p>}
      {fetching && !data && <p className="loading">正在加载三率…</p>}
      {data && (
        <>
          <GroupChart
            title="各移交小区"
            groups={data.communities}
            sortField={sortField}
            testId="rates-community"
          />
          <GroupChart
            title="各责任单位（牵头）"
            groups={data.organizations}
            sortField={sortField}
            testId="rates-organization"
          />
          <figure className="panel">
            <figcaption>逐月走势</figcaption>
            {data.months.length === 0 ? (
              <p className="empty">该时段没有受理记录。</p>
            ) : (
              <Chart option={months} height={340} label="三率逐月走势" testId="rates-month" />
            )}
          </figure>
        </>
      )}
    </section>
  );
}
