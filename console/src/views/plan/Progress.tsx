import { amount, count } from '../../format';
import type { PlanProject } from './planData';

type Figures = PlanProject['progress'];

/** How far the plan has come, derived from its moves: units, moves, days and land, and what is stuck. */
export function Progress({ progress }: { progress: Figures }) {
  const rows = [
    { key: 'units', name: '单位搬迁完成', done: count(progress.unitsMoved), of: count(progress.unitsTotal), unit: '家' },
    { key: 'moves', name: '厂矿大院搬离', done: count(progress.movesDone), of: count(progress.movesTotal), unit: '个' },
    { key: 'days', name: '已用天数 / 计划天数', done: count(progress.daysUsed), of: count(progress.daysPlanned), unit: '天' },
    { key: 'land', name: '腾空土地', done: amount(progress.landFreedMu), of: amount(progress.landTotalMu), unit: '亩' },
  ];
  return (
    <>
      <table className="compact progress" data-testid="progress">
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-progress={row.key}>
              <td>{row.name}</td>
              <td className="figure">
                {row.done} / {row.of} {row.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {progress.blocked.length > 0 && (
        <ul className="blocked" data-testid="blocked">
          {progress.blocked.map((move) => (
            <li key={move.id}>
              受阻：{move.unit?.name ?? '—'} · {move.from?.name ?? '—'}：{move.note ?? '未说明原因'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
