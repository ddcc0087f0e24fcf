import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Organization, Plan, PlanEvent } from '../../../../shared/contract';
import { vnIsoDate } from '../../../../shared/dates';
import { describeSchedule } from '../../../../shared/deadlines';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { useFileSave, useRememberedSigner } from '../../components/useFileSave';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { ImportPlanModal } from './ImportPlanModal';
import { PlanDocModal } from './PlanDocModal';
import { ReportingModal } from './ReportingModal';
import { TemplateModal } from './TemplateModal';

/** The event's plans, their printouts, and a new plan from a template. */
export function PlansTab(props: {
  event: PlanEvent;
  orgs: Organization[];
  stamp: number;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [plans, setPlans] = useState<Plan[]>([]);
  const [making, setMaking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<Plan | null>(null);
  const [scheduling, setScheduling] = useState<Plan | null>(null);
  const { busy, save } = useFileSave();
  const signer = useRememberedSigner();
  useEffect(() => {
    invoke('plans.list', { eventId: props.event.id })
      .then(setPlans)
      .catch((err: unknown) => notifyError(t, err));
  }, [props.event.id, props.stamp, t]);

  return (
    <Stack>
      <Group>
        {can('plans.fromTemplate') && (
          <Button data-testid="plans-from-template" onClick={() => setMaking(true)}>
            {t('plans.fromTemplate')}
          </Button>
        )}
        {can('plans.importPreview') && (
          <Button data-testid="plans-import" variant="default" onClick={() => setImporting(true)}>
            {t('plans.import')}
          </Button>
        )}
        {can('plans.printProgress') && (
          <Button
            data-testid="plans-print-progress"
            variant="default"
            loading={busy}
            onClick={() =>
              void save(() =>
                invoke('plans.printProgress', {
                  eventId: props.event.id,
                  period: vnIsoDate(new Date()),
                  signerTitle: signer.title,
                  signerName: signer.name,
                }),
              )
            }
          >
            {t('plans.print.progress')}
          </Button>
        )}
        {can('plans.tasks.export') && (
          <Button
            data-testid="plans-export"
            variant="default"
            loading={busy}
            onClick={() => void save(() => invoke('plans.tasks.export', { eventId: props.event.id }))}
          >
            {t('plans.export')}
          </Button>
        )}
      </Group>
      {plans.length === 0 && <Text c="dimmed">{t('plans.none')}</Text>}
      {plans.map((p) => (
        <Card withBorder key={p.id} data-testid="plan-card">
          <Text fw={700}>KẾ HOẠCH {p.doc.numberSymbol ? `(${p.doc.numberSymbol})` : ''}</Text>
          <Text>{p.doc.title}</Text>
          <Text size="sm" c="dimmed">
            {t('plans.taskCount', { count: p.taskCount })}
          </Text>
          <Text size="sm" data-testid="plan-reporting-said">
            {t('plans.reporting.said', { schedule: describeSchedule(p.reporting) })}
          </Text>
          {(can('plans.print') || can('plans.save') || can('plans.setReporting')) && (
            <Group mt="sm">
              {can('plans.save') && (
                <Button data-testid="plan-edit" variant="default" onClick={() => setEditing(p)}>
                  {t('plans.doc.editButton')}
                </Button>
              )}
              {can('plans.setReporting') && (
                <Button data-testid="plan-reporting" variant="default" onClick={() => setScheduling(p)}>
                  {t('plans.reporting.button')}
                </Button>
              )}
              {can('plans.print') && (
                <>
                  <Button
                    data-testid="plan-print"
                    variant="default"
                    loading={busy}
                    onClick={() =>
                      void save(() => invoke('plans.print', { planId: p.id, layout: 'numbered' }))
                    }
                  >
                    {t('plans.print.numbered')}
                  </Button>
                  <Button
                    data-testid="plan-print-table"
                    variant="default"
                    loading={busy}
                    onClick={() => void save(() => invoke('plans.print', { planId: p.id, layout: 'table' }))}
                  >
                    {t('plans.print.table')}
                  </Button>
                </>
              )}
            </Group>
          )}
        </Card>
      ))}
      <TemplateModal
        opened={making}
        event={props.event}
        orgs={props.orgs}
        onClose={() => setMaking(false)}
        onCreated={() => {
          setMaking(false);
          props.onChanged();
        }}
      />
      <PlanDocModal
        plan={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          notifyOk(t('plans.doc.saved'));
          props.onChanged();
        }}
      />
      <ReportingModal plan={scheduling} onClose={() => setScheduling(null)} onSaved={props.onChanged} />
      <ImportPlanModal
        opened={importing}
        event={props.event}
        orgs={props.orgs}
        onClose={() => setImporting(false)}
        onCreated={props.onChanged}
      />
    </Stack>
  );
}
