import { useMemo } from 'react';
import { useQuery } from 'urql';

import { Chart } from '../../charts/Chart';
import { explain } from '../../errors';
import { count } from '../../format';
import { graphql } from '../../gql';
import type { Channel } from '../../gql/graphql';
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
    channels: hotlineVolume(byYear: true, byChannel: true, allChannels: true) {
      rows {
        year
        channel
        issues
      }
    }
  }
`);

/** One year's and channel's count, as hotlineVolume gives it. */
type ChannelRow = { year?: number | null; channel?: Channel | null; issues: number };

const CHANNEL_NAMES: Record<Channel, string> = {
  HOTLINE: '12345热线',
  QR_CODE: '扫码反映',
  PHONE: '电话',
  ON_SITE: '现场',
  SUGGESTION_BOX: '意见箱',
  VISIT: '走访',
  OBSERVER: '幸福观察员',
};

/** Issues per channel and year, every channel the center takes issues through. */
function ChannelTable({ rows, years }: { rows: ChannelRow[]; years: number[] }) {
  const channels = (Object.keys(CHANNEL_NAMES) as Channel[]).filter((channel) =>
    rows.some((row) => row.channel === channel),
  );
  const issues = (channel: Channel, year: number) =>
    rows.find((row) => row.channel === channel && row.year === year)?.issues ?? 0;
  return (
    <table className="channels" data-testid="channels">
      <caption>各渠道受理量（件）</caption>
      <thead>
        <tr>
          <th>渠道</th>
          {years.map((year) => (
            <th key={year}>{year}年</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {channels.map((channel) => (
          <tr key={channel}>
            <td>{CHANNEL_NAMES[channel]}</td>
            {years.map((year) => (
              <td key={year} className="num">
                {count(issues(channel, year))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
          <div>
            <Chart option={option} height={360} label={title} testId="hotline-chart" />
            <ChannelTable rows={data.channels.rows} years={years.map((row) => row.year)} />
          </div>
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
