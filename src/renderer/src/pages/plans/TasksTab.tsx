import { Badge, Button, Group, Modal, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Organization, PlanEvent, Task } from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { notifyError } from '../../components/errors';
import { ListPager } from '../../components/ListPager';
import { FilterSelect } from '../../components/FilterSelect';
import { foldFilter } from '../../components/selectFilter';
import { useI18n } from '../../i18n';
import { TaskModal } from './TaskModal';
import { Timeline } from './Timeline';

export interface TaskFilter {
  view: 'all' | 'overdue' | 'due-soon' | 'this-week';
  orgId: string | null;
}

/** The event's tasks: views (overdue, due soon, this week), an organisation, folded search, sort. */
/** Tasks a page: an event's search may match a thousand. */
const PAGE = 100;

export function TasksTab(props: {
  event: PlanEvent;
  orgs: Organization[];
  filter: TaskFilter;
  onFilter: (f: TaskFilter) => void;
  stamp: number;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<'plan' | 'deadline' | 'lead'>('plan');
  const [tasks, setTasks] = useState<Task[]>([]);
  const [total, setTotal] = useState(0);
  // The page belongs to the list it was chosen in: another list starts at its first page.
  const listKey = JSON.stringify([props.event.id, props.filter.view, props.filter.orgId, query, sort]);
  const [paged, setPaged] = useState({ listKey, page: 1 });
  const page = paged.listKey === listKey ? paged.page : 1;
  const setPage = (p: number) => setPaged({ listKey, page: p });
  const [open, setOpen] = useState<string | null>(null);
  /** Choosing the user's own organisation (asked once, then remembered by the core). */
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const { view, orgId } = props.filter;
  const showOrg = (id: string) => props.onFilter({ ...props.filter, orgId: id });
  const mine = async () => {
    try {
      const my = await invoke('plans.myOrg.get', {});
      if (my.orgId) showOrg(my.orgId);
      else setChoosing(true);
    } catch (err) {
      notifyError(t, err);
    }
  };
  const remember = async () => {
    if (!chosen) return;
    try {
      const my = await invoke('plans.myOrg.set', { orgId: chosen });
      setChoosing(false);
      if (my.orgId) showOrg(my.orgId);
    } catch (err) {
      notifyError(t, err);
    }
  };
  useEffect(() => {
    invoke('plans.tasks.list', {
      eventId: props.event.id,
      view,
      query,
      sort,
      limit: PAGE,
      offset: (page - 1) * PAGE,
      ...(orgId ? { orgId } : {}),
    })
      .then((r) => {
        setTasks(r.items);
        setTotal(r.total);
      })
      .catch((err: unknown) => notifyError(t, err));
  }, [props.event.id, view, orgId, query, sort, page, props.stamp, t]);

  return (
    <>
      <Group mb="sm" align="flex-end">
        <SegmentedControl
          data-testid="tasks-view"
          value={view}
          onChange={(v) => props.onFilter({ ...props.filter, view: v as TaskFilter['view'] })}
          data={[
            { value: 'all', label: t('plans.view.all') },
            { value: 'overdue', label: t('plans.view.overdue') },
            { value: 'due-soon', label: t('plans.view.dueSoon') },
            { value: 'this-week', label: t('plans.view.thisWeek') },
          ]}
        />
        <FilterSelect
          data-testid="tasks-org"
          label={t('plans.filterOrg')}
          searchable
          data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
          value={orgId}
          onChange={(v) => props.onFilter({ ...props.filter, orgId: v })}
          w={280}
        />
        <Button data-testid="tasks-mine" variant="default" onClick={() => void mine()}>
          {t('plans.mine')}
        </Button>
        <Select
          label={t('plans.sort')}
          data={[
            { value: 'plan', label: t('plans.sort.plan') },
            { value: 'deadline', label: t('plans.sort.deadline') },
            { value: 'lead', label: t('plans.sort.lead') },
          ]}
          value={sort}
          onChange={(v) => setSort((v as typeof sort | null) ?? 'plan')}
          allowDeselect={false}
          w={180}
        />
        <TextInput
          data-testid="tasks-search"
          label={t('common.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
      </Group>
      {tasks.length === 0 ? (
        <Text c="dimmed">{t('plans.noTasks')}</Text>
      ) : (
        <Table highlightOnHover data-testid="tasks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plans.col.code')}</Table.Th>
              <Table.Th>{t('plans.col.task')}</Table.Th>
              <Table.Th>{t('plans.col.lead')}</Table.Th>
              <Table.Th>{t('plans.col.deadline')}</Table.Th>
              <Table.Th>{t('plans.col.next')}</Table.Th>
              <Table.Th>{t('plans.col.progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => (
              <Table.Tr
                key={task.id}
                data-testid="task-row"
                tabIndex={0}
                style={{ cursor: 'pointer' }}
                onClick={() => setOpen(task.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') setOpen(task.id);
                }}
              >
                <Table.Td>{task.code}</Table.Td>
                <Table.Td>
                  {task.title}{' '}
                  {task.overdue && (
                    <Badge color="red" size="sm" data-testid="task-overdue">
                      {t('plans.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{task.leadOrgName ?? task.leadText}</Table.Td>
                <Table.Td>
                  {task.deadlineText}
                  {task.deadline.kind === 'unread' && (
                    <Badge color="orange" size="sm" ml={4} data-testid="task-unread-deadline">
                      {t('plans.import.unread')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{task.nextDue ? isoToTyped(task.nextDue) : ''}</Table.Td>
                <Table.Td>{task.lastReport ? `${task.lastReport.percent}%` : `${task.percent}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ListPager data-testid="tasks-pager" page={page} pageSize={PAGE} total={total} onChange={setPage} />
      <Timeline tasks={tasks} event={props.event} />
      <TaskModal taskId={open} orgs={props.orgs} onClose={() => setOpen(null)} onChanged={props.onChanged} />
      <Modal opened={choosing} onClose={() => setChoosing(false)} title={t('plans.mine.choose')}>
        <Text size="sm" c="dimmed" mb="sm">
          {t('plans.mine.help')}
        </Text>
        <Select
          data-testid="tasks-mine-org"
          label={t('plans.mine.org')}
          searchable
          filter={foldFilter}
          data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
          value={chosen}
          onChange={setChosen}
        />
        <Group justify="flex-end" mt="md">
          <Button data-testid="tasks-mine-save" disabled={!chosen} onClick={() => void remember()}>
            {t('common.save')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
