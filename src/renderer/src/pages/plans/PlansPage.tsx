import { Button, Group, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { Organization, PlanEvent } from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { EventSelect } from '../../components/EventSelect';
import { notifyError, notifyOk } from '../../components/errors';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { EventModal } from './EventModal';
import { OverviewTab } from './OverviewTab';
import { PlansTab } from './PlansTab';
import { TasksTab, type TaskFilter } from './TasksTab';

/** Kế hoạch: events, their plans and tasks, the units' progress and the leader's overview. */
export function PlansPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [events, setEvents] = useState<PlanEvent[]>([]);
  const [eventId, setEventId] = useState<string | null>(null);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [tab, setTab] = useState<string | null>('overview');
  const [filter, setFilter] = useState<TaskFilter>({ view: 'all', orgId: null });
  /** The event dialog: a new event, a copy of the event shown, or that event edited. */
  const [creating, setCreating] = useState<'new' | 'copy' | 'edit' | null>(null);
  // Bumped after any change so every tab reads again.
  const [stamp, setStamp] = useState(0);

  const load = useCallback(async () => {
    try {
      const [list, directory] = await Promise.all([
        invoke('plans.events.list', {}),
        invoke('contacts.orgs.list', {}),
      ]);
      setEvents(list);
      setOrgs(directory);
      setEventId((id) => (id && list.some((e) => e.id === id) ? id : (list[0]?.id ?? null)));
    } catch (err) {
      notifyError(t, err);
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  const event = events.find((e) => e.id === eventId) ?? null;
  /** A tile of the overview opens the list behind it. */
  const openTasks = (f: TaskFilter) => {
    setFilter(f);
    setTab('tasks');
  };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('nav.plans')}</Title>
        <Group align="flex-end">
          <EventSelect events={events} value={eventId} onChange={setEventId} testId="plans-event" />
          {can('plans.events.save') && (
            <Button data-testid="plans-event-new" variant="default" onClick={() => setCreating('new')}>
              {t('plans.event.new')}
            </Button>
          )}
          {event && can('plans.events.save') && (
            <Button data-testid="plans-event-edit" variant="default" onClick={() => setCreating('edit')}>
              {t('plans.event.editButton')}
            </Button>
          )}
          {event && can('plans.events.copy') && (
            <Button data-testid="plans-event-copy" variant="default" onClick={() => setCreating('copy')}>
              {t('plans.event.copyButton')}
            </Button>
          )}
        </Group>
      </Group>
      {event ? (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('plans.event.keyDayShort', { date: isoToTyped(event.keyDay) })}
          </Text>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="overview" data-testid="plans-tab-overview">
                {t('plans.tab.overview')}
              </Tabs.Tab>
              <Tabs.Tab value="tasks" data-testid="plans-tab-tasks">
                {t('plans.tab.tasks')}
              </Tabs.Tab>
              <Tabs.Tab value="plans" data-testid="plans-tab-plans">
                {t('plans.tab.plans')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview">
              <OverviewTab event={event} stamp={stamp} onOpen={openTasks} />
            </Tabs.Panel>
            <Tabs.Panel value="tasks">
              <TasksTab
                event={event}
                orgs={orgs}
                filter={filter}
                onFilter={setFilter}
                stamp={stamp}
                onChanged={() => setStamp((s) => s + 1)}
              />
            </Tabs.Panel>
            <Tabs.Panel value="plans">
              <PlansTab event={event} orgs={orgs} stamp={stamp} onChanged={() => setStamp((s) => s + 1)} />
            </Tabs.Panel>
          </Tabs>
        </>
      ) : (
        <Text c="dimmed">{t('plans.event.none')}</Text>
      )}
      <EventModal
        opened={creating !== null}
        copyFrom={creating === 'copy' ? event : null}
        editing={creating === 'edit' ? event : null}
        onClose={() => setCreating(null)}
        onSaved={(e) => {
          if (creating === 'edit') notifyOk(t('plans.event.saved'));
          setCreating(null);
          setEventId(e.id);
          setStamp((s) => s + 1);
          void load();
        }}
      />
    </>
  );
}
