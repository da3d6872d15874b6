import { useState } from 'react';
import { useQuery } from 'urql';

import { explain } from '../../errors';
import { count } from '../../format';
import { graphql } from '../../gql';
import type { ImpactMetric, RankScope } from '../../gql/graphql';
import type { Range } from './period';
import { METRIC_NAMES, rateShare } from './rates';

const RANKING = graphql(`
  query DashboardRanking(
    $metric: ImpactMetric!
    $scope: RankScope!
    $groupScope: ImpactScope!
    $minVolume: Int!
    $from: DateTime
    $to: DateTime
  ) {
    ranking(metric: $metric, scope: $scope, minVolume: $minVolume, from: $from, to: $to, first: 100) {
      rank
      rate {
        value
        numerator
        denominator
      }
      group {
        key
        name
      }
    }
    impact(scope: $groupScope, from: $from, to: $to) {
      key
      name
      responseRate {
        denominator
      }
      resolutionRate {
        denominator
      }
      satisfactionRate {
        denominator
      }
      onTimeRate {
        denominator
      }
      reopenRate {
        denominator
      }
      whistleRate {
        denominator
      }
    }
  }
`);

/** How many ranks show before the leader asks for all. */
const SHOWN = 10;

const SCOPE_NAMES: Record<RankScope, string> = { COMMUNITY: '移交小区', ORGANIZATION: '责任单位' };

const METRIC_FIELDS = {
  RESPONSE_RATE: 'responseRate',
  RESOLUTION_RATE: 'resolutionRate',
  SATISFACTION_RATE: 'satisfactionRate',
  ON_TIME_RATE: 'onTimeRate',
  REOPEN_RATE: 'reopenRate',
  WHISTLE_RATE: 'whistleRate',
} as const satisfies Record<ImpactMetric, string>;

/** Groups ranked best first by one rate, those below the least volume named apart. */
export function Ranking({ range, periodTitle }: { range: Range; periodTitle: string }) {
  const [metric, setMetric] = useState<ImpactMetric>('SATISFACTION_RATE');
  const [scope, setScope] = useState<RankScope>('COMMUNITY');
  const [minVolume, setMinVolume] = useState(30);
  const [everyone, setEveryone] = useState(false);
  const [{ data, error, fetching }] = useQuery({
    query: RANKING,
    variables: { metric, scope, groupScope: scope, minVolume, ...range },
  });
  const ranked = new Set(data?.ranking.map((entry) => entry.group.key));
  const unranked = (data?.impact ?? [])
    .filter((group) => !ranked.has(group.key))
    .map((group) => ({ ...group, volume: group[METRIC_FIELDS[metric]].denominator }))
    .sort((a, b) => b.volume - a.volume);
  const title = `${METRIC_NAMES[metric]}排名 · ${SCOPE_NAMES[scope]}（样本量≥${count(minVolume)}，${periodTitle}）`;
  return (
    <section className="section" aria-labelledby="ranking-title" aria-busy={fetching}>
      <header className="section-head">
        <h3 id="ranking-title" data-testid="ranking-title">
          {title}
        </h3>
        <label>
          指标
          <select
            name="metric"
            value={metric}
            onChange={(event) => setMetric(event.target.value as ImpactMetric)}
          >
            {(Object.keys(METRIC_NAMES) as ImpactMetric[]).map((candidate) => (
              <option key={candidate} value={candidate}>
                {METRIC_NAMES[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label>
          范围
          <select name="scope" value={scope} onChange={(event) => setScope(event.target.value as RankScope)}>
            {(Object.keys(SCOPE_NAMES) as RankScope[]).map((candidate) => (
              <option key={candidate} value={candidate}>
                {SCOPE_NAMES[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label>
          最低样本量
          <input
            name="minVolume"
            type="number"
            min={1}
            value={minVolume}
            onChange={(event) => setMinVolume(Math.max(1, Number(event.target.value) || 1))}
          />
        </label>
      </header>
      <p className="hint">样本量即该比率的分母；不足最低样本量的不参与排名，以免一两件事左右名次。</p>
      {fetching && data && <p className="updating">正在更新…</p>}
      {error && <p className="problem">{explain(error)}</p>}
      {fetching && !data && <p className="loading">正在加载排名…</p>}
      {data && (
        <div className="ranking">
          {data.ranking.length === 0 ? (
            <p className="empty">没有达到样本量的{SCOPE_NAMES[scope]}。</p>
          ) : (
            <table data-testid="ranking">
              <thead>
                <tr>
                  <th>名次</th>
                  <th>名称</th>
                  <th>{METRIC_NAMES[metric]}</th>
                  <th>分子/分母</th>
                </tr>
              </thead>
              <tbody>
                {(everyone ? data.ranking : data.ranking.slice(0, SHOWN)).map((entry) => (
                  <tr key={entry.group.key}>
                    <td className="rank">{entry.rank}</td>
                    <td>{entry.group.name}</td>
                    <td className="share">
                      <span className="meter" style={{ width: `${(entry.rate.value ?? 0) * 100}%` }} />
                      <span>{rateShare(entry.rate)}</span>
                    </td>
                    <td className="counts">
                      {count(entry.rate.numerator)}/{count(entry.rate.denominator)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.ranking.length > SHOWN && (
            <button type="button" className="link more" onClick={() => setEveryone(!everyone)}>
              {everyone ? `只看前${SHOWN}名` : `显示全部${count(data.ranking.length)}名`}
            </button>
          )}
          {unranked.length > 0 && (
            <p className="unranked" data-testid="unranked">
              样本量不足{count(minVolume)}、未参与排名的{SCOPE_NAMES[scope]}（{count(unranked.length)}个）：
              {unranked.map((group) => `${group.name}（${count(group.volume)}）`).join('、')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
