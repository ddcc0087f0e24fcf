import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Organization, OutputOf, PlanEvent } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';
import { PartyMatching, type Party } from './PartyMatching';

/**
 * A plan from a template: the core matches the template's roles to the directory; where a match is
 * unclear the user chooses (a group role takes several organisations), then the plan is made.
 */
export function TemplateModal(props: {
  opened: boolean;
  event: PlanEvent;
  orgs: Organization[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<OutputOf<'plans.templates'>>([]);
  const [key, setKey] = useState<string | null>(null);
  const [parties, setParties] = useState<Party[] | null>(null);
  const [mapping, setMapping] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.opened) return;
    setParties(null);
    setMapping({});
    invoke('plans.templates', {})
      .then((list) => {
        setTemplates(list);
        setKey((k) => k ?? list[0]?.key ?? null);
      })
      .catch((err: unknown) => notifyError(t, err));
  }, [props.opened, t]);

  async function run(force: boolean) {
    if (!key) return;
    setBusy(true);
    try {
      const r = await invoke('plans.fromTemplate', {
        eventId: props.event.id,
        templateKey: key,
        mapping,
        force,
      });
      if (r.status === 'created') {
        notifyOk(t('plans.created', { count: r.plan.taskCount }));
        props.onCreated();
        return;
      }
      setParties(r.parties);
      setMapping(Object.fromEntries(r.parties.map((p) => [p.key, p.matched])));
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('plans.fromTemplate')} size="xl">
      <Stack>
        <Select
          data-testid="template-select"
          label={t('plans.template')}
          data={templates.map((x) => ({
            value: x.key,
            label: `${x.name} — ${t('plans.template.tasks', { count: x.taskCount })}`,
          }))}
          value={key}
          onChange={(v) => {
            setKey(v);
            setParties(null);
            setMapping({});
          }}
          allowDeselect={false}
        />
        {parties && (
          <PartyMatching parties={parties} orgs={props.orgs} mapping={mapping} onChange={setMapping} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          {parties ? (
            <Button data-testid="template-create" loading={busy} onClick={() => void run(true)}>
              {t('plans.match.create')}
            </Button>
          ) : (
            <Button
              data-testid="template-check"
              loading={busy}
              disabled={!key}
              onClick={() => void run(false)}
            >
              {t('plans.match.check')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
