import { date } from '../../format';
import type { Move } from './relocationFeatures';

interface Props {
  moves: Move[];
  colours: Map<string, string>;
  /** Today in Beijing as a Date scalar: a move on or before it has happened. */
  today: string;
  highlighted: string | null;
  onHighlight: (key: string | null) => void;
}

/** The moves, in date order; hovering a row picks its arrow out on the map. */
export function Moves({ moves, colours, today, highlighted, onHighlight }: Props) {
  const sorted = [...moves].sort(
    (a, b) => (a.movedOn ?? '9999').localeCompare(b.movedOn ?? '9999') || a.from.localeCompare(b.from, 'zh-CN'),
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
        {sorted.map((move) => {
          // The API has no move status yet: a move dated today or earlier is taken as done.
          const done = move.movedOn !== null && move.movedOn <= today;
          return (
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
              <td className="nowrap">{date(move.movedOn)}</td>
              <td className={done ? 'done' : 'pending'}>{done ? '已搬迁' : '计划中'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
