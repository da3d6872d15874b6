import { useState } from 'react';
import { useQuery } from 'urql';

import { explain } from '../../errors';
import { dateTime } from '../../format';
import { STATE_NAMES } from './labels';
import { ORGANIZATIONS, ORIGINALS } from './queries';

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
}

/** Choose an organization by the start of its name. */
export function OrganizationPicker({ value, onChange }: Props) {
  const [prefix, setPrefix] = useState('');
  const [found] = useQuery({
    query: ORGANIZATIONS,
    variables: { prefix: prefix.trim() },
    pause: prefix.trim() === '',
  });
  const nodes = found.data?.organizations.nodes ?? [];
  return (
    <div className="desk-picker">
      <input
        name="organizationPrefix"
        placeholder="输入单位名称开头查找"
        value={prefix}
        onChange={(event) => setPrefix(event.target.value)}
      />
      <select
        name="organization"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        disabled={nodes.length === 0}
      >
        <option value="">
          {prefix.trim() === '' ? '先输入名称' : `找到 ${nodes.length} 个单位`}
        </option>
        {nodes.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      {found.error && <p className="problem">{explain(found.error)}</p>}
    </div>
  );
}

/** Choose the issue this one repeats, by the start of its title; never the issue itself. */
export function OriginalPicker({ value, onChange, self }: Props & { self: string }) {
  const [prefix, setPrefix] = useState('');
  const [found] = useQuery({
    query: ORIGINALS,
    variables: { prefix: prefix.trim() },
    pause: prefix.trim() === '',
  });
  const nodes = (found.data?.issues.nodes ?? []).filter((issue) => issue.id !== self);
  return (
    <div className="desk-picker">
      <input
        name="originalPrefix"
        placeholder="输入原问题标题开头查找"
        value={prefix}
        onChange={(event) => setPrefix(event.target.value)}
      />
      <select
        name="original"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        disabled={nodes.length === 0}
      >
        <option value="">
          {prefix.trim() === '' ? '先输入标题' : `找到 ${nodes.length} 件问题`}
        </option>
        {nodes.map((issue) => (
          <option key={issue.id} value={issue.id}>
            {issue.title}（{STATE_NAMES[issue.state]}，{dateTime(issue.reportedAt)}）
          </option>
        ))}
      </select>
      {found.error && <p className="problem">{explain(found.error)}</p>}
    </div>
  );
}
