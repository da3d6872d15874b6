import type { MoveStatus } from '../../gql/graphql';
import { date } from '../../format';
import { MOVE_STATUSES, MOVE_STATUS_NAMES } from './moveStatus';
import type { Move } from './relocationFeatures';

interface Props {
  moves: Move[];
  colours: Map<string, string>;
  highlighted: string | null;
  onHighlight: (key: string | null) => void;
  /** Given to planners and admins: each row's status becomes a choice that changes the move. */
  onStatus?: (move: Move, status: MoveStatus) => void;
  busy?: boolean;
}

/** The moves, in date order, with each one's status; hovering a row picks its arrow out on the map. */
export function Moves({ moves, colours, highlighted, onHighlight, onStatus, busy }: Props) {
  const day = (move: Move) => move.movedOn ?? move.plannedOn ?? '9999';
  const sorted = [...moves].sort(
    (a, b) => day(a).localeCompare(day(b)) || a.from.localeCompare(b.from, 'zh-CN'),
  );
  return (
    <table className="compact moves" data-testid="moves">
      <thead>
        <tr>
          <th>单位</th>
          <th>原址</th>
          <th>新址</th>
          <th>搬迁日期</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody onMouseLeave={() => onHighlight(null)}>
        {sorted.map((move) => (
          <tr
            key={move.key}
            data-move={move.key}
            className={move.key === highlighted ? 'highlighted' : undefined}
            onMouseEnter={() => onHighlight(move.key)}
          >
            <td>
              <span className="unit-dot" style={{ background: colours.get(move.unit) }} />
              {move.unit.replace(/^胜利油田/, '')}
            </td>
            <td>{move.from}</td>
            <td>{move.to}</td>
            <td className="nowrap">
              {move.movedOn ? date(move.movedOn) : <small>计划 {date(move.plannedOn)}</small>}
            </td>
            <td className={`status ${move.status.toLowerCase()}`} data-status={move.status} title={move.note ?? undefined}>
              {onStatus ? (
                <select
                  aria-label={`${move.from}的状态`}
                  value={move.status}
                  disabled={busy}
                  onChange={(event) => onStatus(move, event.target.value as MoveStatus)}
                >
                  {MOVE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {MOVE_STATUS_NAMES[status]}
                    </option>
                  ))}
                </select>
              ) : (
                MOVE_STATUS_NAMES[move.status]
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
