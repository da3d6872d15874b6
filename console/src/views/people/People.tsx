import { useState } from 'react';
import { useQuery } from 'urql';

import { explain } from '../../errors';
import { count } from '../../format';
import { graphql } from '../../gql';
import type { PersonRole } from '../../gql/graphql';
import { abilities, currentSession } from '../../session';

const PEOPLE = graphql(`
  query ConsolePeople($roles: [PersonRole!], $namePrefix: String, $after: String) {
    people(first: 50, after: $after, filter: { roles: $roles, namePrefix: $namePrefix }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        phone
        roles
        title
        organizations {
          id
          name
        }
        observes {
          id
          name
        }
      }
    }
  }
`);

export const ROLE_LABELS: Record<PersonRole, string> = {
  OBSERVER: '幸福观察员',
  COORDINATOR: '协调员',
  STAFF: '工作人员',
  RESIDENT: '居民',
  PARTY_MEMBER: '党员',
};

/** The directory of people: public contacts for everyone, residents only where the rules allow. */
export default function People() {
  const session = currentSession();
  const residentsOffered = session !== null && abilities(session.role).seesResidents;
  const offeredRoles = (Object.keys(ROLE_LABELS) as PersonRole[]).filter(
    (role) => role !== 'RESIDENT' || residentsOffered,
  );
  const [role, setRole] = useState<PersonRole | null>(null);
  const [prefix, setPrefix] = useState('');
  const [after, setAfter] = useState<string[]>([]);
  const roles = role !== null ? [role] : residentsOffered ? null : offeredRoles;
  const [{ data, fetching, error }] = useQuery({
    query: PEOPLE,
    variables: { roles, namePrefix: prefix.trim() || null, after: after.at(-1) ?? null },
  });
  const people = data?.people;
  return (
    <section className="people">
      <h2>人员名录</h2>
      <div className="filters">
        <label>
          身份
          <select
            name="role"
            value={role ?? ''}
            onChange={(event) => {
              setRole((event.target.value || null) as PersonRole | null);
              setAfter([]);
            }}
          >
            <option value="">全部</option>
            {offeredRoles.map((candidate) => (
              <option key={candidate} value={candidate}>
                {ROLE_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label>
          姓名开头
          <input
            name="namePrefix"
            value={prefix}
            onChange={(event) => {
              setPrefix(event.target.value);
              setAfter([]);
            }}
          />
        </label>
        {people && <span className="total">共 {count(people.totalCount)} 人</span>}
      </div>
      {error && <p className="problem">{explain(error)}</p>}
      {fetching && !people && <p className="loading">正在加载…</p>}
      {people && (
        <table data-testid="people">
          <thead>
            <tr>
              <th>姓名</th>
              <th>身份</th>
              <th>职务</th>
              <th>单位</th>
              <th>观察小区</th>
              <th>电话</th>
            </tr>
          </thead>
          <tbody>
            {people.nodes.map((person) => (
              <tr key={person.id}>
                <td>{person.name}</td>
                <td>{(person.roles ?? []).map((r) => ROLE_LABELS[r]).join('、')}</td>
                <td>{person.title ?? ''}</td>
                <td>{person.organizations.map((o) => o.name).join('、')}</td>
                <td>{person.observes.map((a) => a.name).join('、')}</td>
                <td>{person.phone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>
          上一页
        </button>
        <button
          type="button"
          disabled={!people?.pageInfo.hasNextPage}
          onClick={() => people?.pageInfo.endCursor && setAfter([...after, people.pageInfo.endCursor])}
        >
          下一页
        </button>
      </div>
    </section>
  );
}
