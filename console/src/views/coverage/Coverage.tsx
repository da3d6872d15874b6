import { useMemo, useState } from 'react';
import { useQuery } from 'urql';

import { explain } from '../../errors';
import { count, date, share } from '../../format';
import { loadBasemap } from '../../map/basemapData';
import { useLoaded } from '../../map/useLoaded';
import { COVERAGE, LATEST_VISIT, rateOf } from './coverageData';
import type { CoverageAnswer } from './coverageData';
import { CoverageMap } from './CoverageMap';
import { QUARTER_NAMES, asInput, partOf, periodName, periodOf, quarterOf } from './period';
import type { CoveragePeriod } from './period';
import './coverage.css';

const PARTS = [
  ...QUARTER_NAMES.map((name, n) => ({ value: `q${n + 1}`, label: `第${name}季度` })),
  ...Array.from({ length: 12 }, (_, n) => ({ value: `m${n + 1}`, label: `${n + 1}月` })),
];

/** The year and the quarter or month to count. */
function PeriodChooser({ period, latestYear, onChange }: {
  period: CoveragePeriod;
  latestYear: number;
  onChange: (period: CoveragePeriod) => void;
}) {
  const years = Array.from({ length: 5 }, (_, n) => latestYear - n);
  return (
    <span className="coverage-period">
      <label>
        年份
        <select
          name="year"
          value={period.year}
          onChange={(event) => onChange(periodOf(Number(event.target.value), partOf(period)))}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {year}年
            </option>
          ))}
        </select>
      </label>
      <label>
        时段
        <select
          name="part"
          value={partOf(period)}
          onChange={(event) => onChange(periodOf(period.year, event.target.value))}
        >
          {PARTS.map((part) => (
            <option key={part.value} value={part.value}>
              {part.label}
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}

/** The period's four headline figures. */
function Headline({ coverage }: { coverage: CoverageAnswer }) {
  const figures = [
    { id: 'units', title: '区域单位', value: count(coverage.units), unit: '家' },
    { id: 'contacted', title: '已走访', value: count(coverage.contacted), unit: '家' },
    { id: 'uncovered', title: '未覆盖', value: count(coverage.uncovered), unit: '家' },
    { id: 'rate', title: '覆盖率', value: share(coverage.rate), unit: '' },
  ];
  return (
    <section className="coverage-figures" aria-label="覆盖情况">
      {figures.map((figure) => (
        <div key={figure.id} className="coverage-figure" data-testid={`coverage-${figure.id}`}>
          <span className="value">
            {figure.value}
            <small>{figure.unit}</small>
          </span>
          <span className="title">{figure.title}</span>
        </div>
      ))}
    </section>
  );
}

/** Per community: its units, those reached, and whom still to visit; the chosen one alone. */
function Communities({ coverage, chosen, onAll }: {
  coverage: CoverageAnswer;
  chosen: string | null;
  onAll: () => void;
}) {
  const rows = [...coverage.byCommunity]
    .filter((row) => chosen === null || row.community?.id === chosen)
    .sort((a, b) => b.uncovered.length - a.uncovered.length || (rateOf(a) ?? 1) - (rateOf(b) ?? 1));
  return (
    <section className="coverage-table">
      <h3>
        各小区未走访单位
        {chosen !== null && (
          <button type="button" className="link" onClick={onAll}>
            显示全部小区
          </button>
        )}
      </h3>
      {rows.length === 0 ? (
        <p className="hint">该小区没有区域单位。</p>
      ) : (
        <table data-testid="coverage-communities">
          <thead>
            <tr>
              <th>小区</th>
              <th>单位</th>
              <th>已走访</th>
              <th>覆盖率</th>
              <th>尚未走访的单位</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.community?.id ?? 'none'} data-community={row.community?.name ?? ''}>
                <td>{row.community?.name ?? '未落位小区'}</td>
                <td>{count(row.units)}</td>
                <td>{count(row.contacted)}</td>
                <td>{share(rateOf(row))}</td>
                <td className="uncovered">
                  {row.uncovered.length === 0
                    ? '全部已走访'
                    : row.uncovered.map((unit) => (
                        <span key={unit.id} className="unit">
                          {unit.name}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Per visit group: units reached, visits made and member-times. */
function Groups({ coverage }: { coverage: CoverageAnswer }) {
  return (
    <section className="coverage-table">
      <h3>各走访小组</h3>
      {coverage.byGroup.length === 0 ? (
        <p className="hint">本时段没有已完成的走访。</p>
      ) : (
        <table data-testid="coverage-groups">
          <thead>
            <tr>
              <th>走访小组</th>
              <th>走访单位</th>
              <th>走访次数</th>
              <th>人次</th>
            </tr>
          </thead>
          <tbody>
            {coverage.byGroup.map((row) => (
              <tr key={row.group?.id ?? 'none'}>
                <td>{row.group?.name ?? '—'}</td>
                <td>{count(row.contacted)}</td>
                <td>{count(row.visits)}</td>
                <td>{count(row.memberTimes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The page once its first period is known. */
function CoverageOf({ first }: { first: CoveragePeriod }) {
  const [period, setPeriod] = useState<CoveragePeriod>(first);
  const [chosen, setChosen] = useState<string | null>(null);
  const variables = useMemo(() => ({ period: asInput(period) }), [period]);
  const [{ data, error, fetching }] = useQuery({ query: COVERAGE, variables });
  const basemap = useLoaded(loadBasemap, []);
  const coverage = fetching ? null : (data?.coverage ?? null);
  const problem = error ?? basemap.error;
  return (
    <div className="coverage" aria-busy={fetching}>
      <header className="coverage-head">
        <h2>走访覆盖 · {periodName(period)}</h2>
        <PeriodChooser period={period} latestYear={first.year} onChange={setPeriod} />
      </header>
      {problem && <p className="problem">{explain(problem)}</p>}
      {coverage ? (
        <>
          <p className="hint">
            统计 {date(coverage.from)} 至 {date(coverage.to)} 已完成的走访；点击地图上的小区，只看该小区。
          </p>
          <Headline coverage={coverage} />
        </>
      ) : (
        !problem && <p className="loading">正在统计走访覆盖…</p>
      )}
      <div className="coverage-body">
        <div className="coverage-map">
          {basemap.data ? (
            <CoverageMap
              basemap={basemap.data}
              rows={coverage?.byCommunity ?? null}
              chosen={chosen}
              onCommunity={setChosen}
            />
          ) : (
            !basemap.error && <p className="loading">正在加载地图…</p>
          )}
        </div>
        {coverage && (
          <div className="coverage-tables">
            <Communities coverage={coverage} chosen={chosen} onAll={() => setChosen(null)} />
            <Groups coverage={coverage} />
          </div>
        )}
      </div>
    </div>
  );
}

/** 走访覆盖: which regional units the visits of a quarter or month reached, and whom to visit next. */
export default function Coverage() {
  const [{ data, error }] = useQuery({ query: LATEST_VISIT });
  if (error) return <p className="problem">{explain(error)}</p>;
  if (!data) return <p className="loading">正在加载走访记录…</p>;
  const latest = data.visits.nodes[0]?.visitedOn;
  // With no visit made yet, the current quarter.
  const first = quarterOf(latest ?? new Date().toISOString().slice(0, 10));
  return <CoverageOf first={first} />;
}
