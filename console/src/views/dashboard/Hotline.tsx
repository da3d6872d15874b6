import { useMemo } from 'react';
import { useQuery } from 'urql';

import { Chart } from '../../charts/Chart';
import { explain } from '../../errors';
import { count } from '../../format';
import { graphql } from '../../gql';
import { agrees, hotlineBars, yearOf } from './hotlineChart';
import type { YearVolume } from './hotlineChart';

const HOTLINE = graphql(`
  query DashboardHotline {
    hotlineVolume(byYear: true) {
      rows {
        year
        issues
      }
      observations {
        id
        indicator
        label
        display
        qualifier
        value
        unit
        source
      }
    }
  }
`);

/** 12345 hotline issues per year, with the documents' figures and whether the counts bear them out. */
export function Hotline() {
  const [{ data, error, fetching }] = useQuery({ query: HOTLINE });
  const years = useMemo<YearVolume[]>(
    () =>
      (data?.hotlineVolume.rows ?? [])
        .flatMap((row) => (row.year == null ? [] : [{ year: row.year, issues: row.issues }]))
        .sort((a, b) => a.year - b.year),
    [data],
  );
  const figures = useMemo(() => {
    const given = data?.hotlineVolume.observations ?? [];
    const order = (figure: (typeof given)[number]) => yearOf(figure, years) ?? Infinity;
    return [...given].sort((a, b) => order(a) - order(b));
  }, [data, years]);
  const option = useMemo(() => hotlineBars(years, figures), [years, figures]);
  const first = years[0];
  const last = years[years.length - 1];
  const title = first && last ? `12345热线诉求量（${first.year}—${last.year}年）` : '12345热线诉求量';
  return (
    <section className="section" aria-labelledby="hotline-title">
      <header className="section-head">
        <h3 id="hotline-title">{title}</h3>
      </header>
      {error && <p className="problem">{explain(error)}</p>}
      {fetching && !data && <p className="loading">正在加载热线诉求量…</p>}
      {data && (
        <div className="hotline">
          <Chart option={option} height={360} label={title} testId="hotline-chart" />
          <aside className="documents">
            <h4>文件口径</h4>
            <ul>
              {figures.map((figure) => {
                const year = yearOf(figure, years);
                const row = years.find((candidate) => candidate.year === year);
                return (
                  <li key={figure.id} data-testid="hotline-figure" data-year={year ?? ''}>
                    <strong>{figure.display}</strong>
                    {figure.unit && <small> {figure.unit}</small>}
                    <div>“{figure.label}”</div>
                    {row && (
                      <div className={agrees(figure, row.issues) ? 'agrees' : 'disagrees'}>
                        {row.year}年图谱计 {count(row.issues)} 件，
                        {agrees(figure, row.issues) ? '与文件相符' : '与文件不符'}
                      </div>
                    )}
                    {figure.source && <div className="source">来源：{figure.source}</div>}
                  </li>
                );
              })}
            </ul>
          </aside>
        </div>
      )}
    </section>
  );
}
