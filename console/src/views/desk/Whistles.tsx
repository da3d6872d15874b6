import { useState } from 'react';
import { useClient } from 'urql';

import { explain } from '../../errors';
import { dateTime } from '../../format';
import { abilities } from '../../session';
import type { Session } from '../../session';
import type { Issue } from './IssuePanel';
import { REPORT_IN } from './mutations';
import { userErrorText } from './refusal';

interface Props {
  issue: Issue;
  session: Session;
  onChanged: () => void;
}

/** Whether the principal may report in for an organization: an admin, or its own coordinator. */
function speaksFor(session: Session, organizationId: string): boolean {
  if (session.role === 'ADMIN') return true;
  if (session.role !== 'COORDINATOR' || session.org === null) return false;
  // A global ID is base64 of "Organization:<key>"; the token names the key.
  try {
    return atob(organizationId) === `Organization:${session.org}`;
  } catch {
    return false;
  }
}

/** The whistles blown for the issue (吹哨), who was summoned, and who has reported in (报到). */
export function Whistles({ issue, session, onChanged }: Props) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (issue.whistles.length === 0) return null;
  const reportIn = async (whistle: string, organization: string) => {
    setBusy(true);
    setProblem(null);
    const answer = await client.mutation(REPORT_IN, { whistle, organization }).toPromise();
    setBusy(false);
    if (answer.error) setProblem(explain(answer.error));
    else if (answer.data?.reportIn.userErrors.length)
      setProblem(userErrorText(answer.data.reportIn.userErrors));
    onChanged();
  };
  const mayAct = abilities(session.role).handlesIssues;
  return (
    <section data-testid="whistles">
      <h4>吹哨与报到</h4>
      {issue.whistles.map((whistle) => (
        <div key={whistle.id} className="desk-whistle">
          <p>
            {dateTime(whistle.blownAt)} 吹哨：{whistle.reason ?? '—'}
          </p>
          <ul>
            {whistle.summons.map((summons) => (
              <li key={summons.organization.id}>
                第{summons.level ?? '—'}级 {summons.organization.name}：
                {summons.reportedAt
                  ? `已于${dateTime(summons.reportedAt)}报到`
                  : `应于${dateTime(summons.dueAt)}前报到，尚未报到`}
                {summons.late && <span className="desk-late">逾期</span>}
                {!summons.reportedAt && mayAct && speaksFor(session, summons.organization.id) && (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => void reportIn(whistle.id, summons.organization.id)}
                  >
                    报到
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
