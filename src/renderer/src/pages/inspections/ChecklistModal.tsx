import { Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Checklist, ChecklistItem, ChecklistSummary } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

/**
 * The checklists (administrators): a shipped one is copied into a new checklist of the office, a
 * copy is edited in place (a new edition). Inspections already planned keep the items they copied.
 */
export function ChecklistModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [lists, setLists] = useState<ChecklistSummary[]>([]);
  const [ref, setRef] = useState<string | null>(null);
  const [base, setBase] = useState<Checklist | null>(null);
  const [name, setName] = useState('');
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!props.opened) return;
    setRef(null);
    setErrors({});
    void invoke('inspections.templates', {}).then(setLists);
  }, [props.opened]);
  useEffect(() => {
    if (!ref) return setBase(null);
    void invoke('inspections.checklists.get', { ref }).then((c) => {
      setBase(c);
      setName(c.shipped ? `${c.name} (${t('inspections.copyOf')})` : c.name);
      setItems(c.items);
    });
  }, [ref, t]);
  const edit = (i: number, field: keyof ChecklistItem, value: string) =>
    setItems((xs) => xs.map((x, n) => (n === i ? { ...x, [field]: value } : x)));
  return (
    <FormModal
      opened={props.opened}
      title={t('inspections.checklists')}
      size="xl"
      saveTestId="checklist-save"
      saveLabel={base?.shipped ? t('inspections.copySave') : undefined}
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        if (!base) return false;
        await invoke(
          'inspections.checklists.save',
          base.shipped
            ? { copyFrom: base.ref, name, items }
            : { id: base.ref, version: base.version ?? undefined, name, items },
        );
      }}
    >
      <Stack gap="sm">
        <Select
          data-testid="checklist-pick"
          label={t('inspections.checklist')}
          data={lists.map((c) => ({
            value: c.ref,
            label: `${c.name} · ${c.shipped ? t('inspections.shipped') : t('inspections.edition', { n: c.edition })}`,
          }))}
          value={ref}
          onChange={setRef}
          data-autofocus
        />
        {base && (
          <>
            <TextInput
              data-testid="checklist-name"
              label={t('inspections.checklistName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            {items.map((it, i) => (
              <Stack key={i} gap={4}>
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {i + 1}.
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setItems((xs) => xs.filter((_, n) => n !== i))}
                  >
                    {t('inspections.itemRemove')}
                  </Button>
                </Group>
                <Textarea
                  size="xs"
                  autosize
                  label={t('inspections.requirement')}
                  value={it.requirement}
                  onChange={(e) => edit(i, 'requirement', e.currentTarget.value)}
                />
                <Group grow>
                  <TextInput
                    size="xs"
                    label={t('inspections.verify')}
                    value={it.verify}
                    onChange={(e) => edit(i, 'verify', e.currentTarget.value)}
                  />
                  <TextInput
                    size="xs"
                    label={t('inspections.evidence')}
                    value={it.evidence}
                    onChange={(e) => edit(i, 'evidence', e.currentTarget.value)}
                  />
                  <TextInput
                    size="xs"
                    label={t('inspections.legalBasis')}
                    value={it.legalBasis}
                    onChange={(e) => edit(i, 'legalBasis', e.currentTarget.value)}
                  />
                </Group>
              </Stack>
            ))}
            <Button
              size="xs"
              variant="default"
              data-testid="checklist-item-add"
              onClick={() =>
                setItems((xs) => [
                  ...xs,
                  // A new key of its own: reports compare items by key across editions.
                  {
                    key: `item-${Date.now().toString(36)}`,
                    requirement: '',
                    verify: '',
                    evidence: '',
                    legalBasis: '',
                  },
                ])
              }
            >
              {t('inspections.itemAdd')}
            </Button>
          </>
        )}
      </Stack>
    </FormModal>
  );
}
