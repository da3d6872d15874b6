// The admin's QR sheets (二维码): intake links per community or labour team, made, stopped and printed.

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useClient } from 'urql';
import type { CombinedError } from '@urql/core';

import { allNodes } from '../../client';
import { explain } from '../../errors';
import { count, date, dateTime } from '../../format';
import { COMMUNITIES, CREATE, LABOUR_TEAMS, LINKS, REVOKE } from './queries';
import { placeName, stateOf, usable } from './links';
import type { Link } from './links';
import { PrintView } from './PrintView';
import './sheets.css';

interface Place {
  id: string;
  name: string;
}

/** The links, the form that makes one, batch making and the print view. */
export default function Sheets() {
  const client = useClient();
  const [links, setLinks] = useState<Link[] | null>(null);
  const [communities, setCommunities] = useState<Place[]>([]);
  const [teams, setTeams] = useState<Place[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [printing, setPrinting] = useState<Link[] | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const found = await allNodes(client, LINKS, { after: null }, (data) => data.intakeLinks);
    setLinks(found);
    return found;
  }, [client]);

  useEffect(() => {
    reload().catch((error: CombinedError) => setProblem(explain(error)));
    allNodes(client, COMMUNITIES, { after: null }, (data) => data.communities).then(
      setCommunities,
      (error: CombinedError) => setProblem(explain(error)),
    );
    allNodes(client, LABOUR_TEAMS, { after: null }, (data) => data.organizations).then(
      setTeams,
      (error: CombinedError) => setProblem(explain(error)),
    );
  }, [client, reload]);

  /** Make one link; its userError or refusal in Chinese, or the new link's id. */
  const create = async (
    place: string,
    label: string | null,
    expiresOn: string | null,
  ): Promise<string | null> => {
    const result = await client
      .mutation(CREATE, { input: { place, label, expiresOn } })
      .toPromise();
    if (result.error) throw new Error(explain(result.error));
    const payload = result.data?.createIntakeLink;
    const refused = payload?.userErrors[0];
    if (refused) throw new Error(refused.message);
    return payload?.intakeLink?.id ?? null;
  };

  const withBusy = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const covered = useMemo(
    () => new Set((links ?? []).filter(usable).map((link) => link.place?.id)),
    [links],
  );
  const uncovered = communities.filter((community) => !covered.has(community.id));

  const batch = () =>
    withBusy(async () => {
      const made: string[] = [];
      for (const community of uncovered) {
        const id = await create(community.id, null, null);
        if (id) made.push(id);
      }
      const found = await reload();
      setNotice(`已为 ${count(made.length)} 个社区生成二维码。`);
      const fresh = found.filter((link) => made.includes(link.id));
      if (fresh.length > 0) setPrinting(fresh);
    });

  const revoke = (link: Link) =>
    withBusy(async () => {
      const result = await client.mutation(REVOKE, { id: link.id }).toPromise();
      if (result.error) throw new Error(explain(result.error));
      const refused = result.data?.revokeIntakeLink.userErrors[0];
      if (refused) throw new Error(refused.message);
      await reload();
      setNotice(`已停用「${placeName(link)}」的二维码。`);
    });

  const printable = (links ?? []).filter(usable);
  return (
    <section className="sheets">
      <h2>二维码（码上反映）</h2>
      <p className="lead">
        每张二维码只能为一个地点反映问题，可随时停用；居民扫码即可填写，无需账号。
      </p>
      <NewLink
        communities={communities}
        teams={teams}
        busy={busy}
        onCreate={(place, label, expiresOn) =>
          withBusy(async () => {
            await create(place, label, expiresOn);
            await reload();
            setNotice('已生成二维码。');
          })
        }
      />
      <div className="sheet-actions">
        <button
          type="button"
          disabled={busy || links === null || uncovered.length === 0}
          onClick={batch}
        >
          批量生成（尚无二维码的社区 {count(uncovered.length)} 个）
        </button>
        <button
          type="button"
          disabled={printable.length === 0}
          onClick={() => setPrinting(printable)}
        >
          打印全部有效二维码（{count(printable.length)} 张）
        </button>
      </div>
      {problem ? (
        <p className="problem" role="alert" data-testid="sheets-problem">
          {problem}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {links === null ? (
        <p className="loading">正在加载…</p>
      ) : (
        <LinkTable
          links={links}
          busy={busy}
          onPrint={(link) => setPrinting([link])}
          onRevoke={revoke}
        />
      )}
      {printing ? <PrintView links={printing} onClose={() => setPrinting(null)} /> : null}
    </section>
  );
}

/** The form that makes one link for a community or a labour team. */
function NewLink({
  communities,
  teams,
  busy,
  onCreate,
}: {
  communities: Place[];
  teams: Place[];
  busy: boolean;
  onCreate: (place: string, label: string | null, expiresOn: string | null) => void;
}) {
  const [place, setPlace] = useState('');
  const [label, setLabel] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!place) return;
    onCreate(place, label.trim() || null, expiresOn || null);
  };
  return (
    <form className="new-link" onSubmit={submit}>
      <label>
        地点
        <select name="place" value={place} required onChange={(e) => setPlace(e.target.value)}>
          <option value="">请选择社区或劳务班组</option>
          <optgroup label={`社区（${communities.length}）`}>
            {communities.map((community) => (
              <option key={community.id} value={community.id}>
                {community.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={`劳务班组（${teams.length}）`}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label>
        标签（选填）
        <input
          name="label"
          maxLength={40}
          placeholder="如：3号楼大厅"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <label>
        有效期至（选填）
        <input
          name="expiresOn"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={busy || !place}>
        生成二维码
      </button>
    </form>
  );
}

/** The links, newest first, each with print and a confirmed stop. */
function LinkTable({
  links,
  busy,
  onPrint,
  onRevoke,
}: {
  links: Link[];
  busy: boolean;
  onPrint: (link: Link) => void;
  onRevoke: (link: Link) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (links.length === 0) return <p className="empty">还没有二维码。</p>;
  return (
    <table className="links" data-testid="links">
      <thead>
        <tr>
          <th>地点</th>
          <th>标签</th>
          <th>生成时间</th>
          <th>有效期至</th>
          <th>状态</th>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr key={link.id} data-key={link.key} className={usable(link) ? undefined : 'stopped'}>
            <td>{placeName(link)}</td>
            <td>{link.label ?? ''}</td>
            <td>{dateTime(link.createdAt)}</td>
            <td>{link.expiresOn ? date(link.expiresOn) : '长期'}</td>
            <td>{stateOf(link)}</td>
            <td>
              <div className="row-actions">
                {usable(link) ? (
                  <>
                    <a href={link.path} target="_blank" rel="noreferrer">
                      预览
                    </a>
                    <button type="button" onClick={() => onPrint(link)}>
                      打印
                    </button>
                  </>
                ) : null}
                {link.revokedAt != null ? null : confirming === link.id ? (
                  <>
                    <button
                      type="button"
                      className="danger"
                      disabled={busy}
                      onClick={() => {
                        setConfirming(null);
                        onRevoke(link);
                      }}
                    >
                      确认停用
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      取消
                    </button>
                  </>
                ) : (
                  <button type="button" onClick={() => setConfirming(link.id)}>
                    停用
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
