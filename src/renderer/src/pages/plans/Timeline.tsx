import { Card, Title } from '@mantine/core';
import type { PlanEvent, Task } from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { daysBetween, phaseWindow } from '../../../../shared/deadlines';
import { useI18n } from '../../i18n';

/** Done by the task's own status or its lead's latest report. */
const done = (task: Task) => task.status === 'done' || task.lastReport?.status === 'done';

/** One bar per task across the event's calendar: from the event's start to the task's last due date. */
export function Timeline(props: { tasks: Task[]; event: PlanEvent }) {
  const { t } = useI18n();
  const w = phaseWindow(props.event);
  const span = Math.max(1, daysBetween(w.start, w.end));
  const shown = props.tasks.filter((task) => task.lastDue).slice(0, 60);
  if (shown.length === 0) return null;
  const row = 18;
  const x = (iso: string) => 260 + (Math.min(Math.max(daysBetween(w.start, iso), 0), span) / span) * 400;
  return (
    <Card withBorder mt="md">
      <Title order={4} mb="sm">
        {t('plans.chart.timeline')}
      </Title>
      <svg
        width="100%"
        viewBox={`0 0 700 ${shown.length * row + 20}`}
        role="img"
        aria-label={t('plans.chart.timeline')}
      >
        <line
          x1={x(props.event.keyDay)}
          x2={x(props.event.keyDay)}
          y1="0"
          y2={shown.length * row}
          stroke="#fa5252"
        />
        {shown.map((task, i) => (
          <g key={task.id} transform={`translate(0 ${i * row})`}>
            <text x="0" y="13" fontSize="11">
              {`${task.code} ${task.title}`.slice(0, 42)}
            </text>
            <rect
              x={x(w.start)}
              y="4"
              width={Math.max(2, x(task.lastDue ?? w.end) - x(w.start))}
              height="10"
              fill={task.overdue ? '#fa5252' : done(task) ? '#40c057' : '#74c0fc'}
            />
          </g>
        ))}
        <text x="260" y={shown.length * row + 14} fontSize="11">
          {isoToTyped(w.start)}
        </text>
        <text x="600" y={shown.length * row + 14} fontSize="11">
          {isoToTyped(w.end)}
        </text>
      </svg>
    </Card>
  );
}
