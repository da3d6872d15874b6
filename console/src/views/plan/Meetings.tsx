import { date } from '../../format';
import { MEETING_KIND_NAMES } from '../../map/projectKinds';
import type { PlanProject } from './planData';

/** The meetings about the project, oldest first, with what each decided. */
export function Meetings({ meetings }: { meetings: PlanProject['meetings'] }) {
  if (meetings.length === 0) return <p className="none">暂无会议记录</p>;
  const sorted = [...meetings].sort((a, b) => (a.heldOn ?? '').localeCompare(b.heldOn ?? ''));
  return (
    <table className="compact meetings" data-testid="meetings">
      <thead>
        <tr>
          <th>日期</th>
          <th>会议</th>
          <th>类型</th>
          <th>议定事项</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((meeting) => (
          <tr key={meeting.id}>
            <td className="nowrap">{date(meeting.heldOn)}</td>
            <td>{meeting.title}</td>
            <td className="nowrap">{meeting.kind ? MEETING_KIND_NAMES[meeting.kind] : '—'}</td>
            <td>{meeting.decision ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
