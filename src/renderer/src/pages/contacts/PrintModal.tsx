import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OrgKind } from '../../../../shared/contract';
import { invoke, saveFile } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';
import { kindOptions } from './labels';

/** Prints the directory as an official .docx (Nghị định 30/2020) and saves it where the user chooses. */
export function PrintModal(props: { opened: boolean; areas: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [signerTitle, setSignerTitle] = useState('');
  const [signerName, setSignerName] = useState('');
  const [busy, setBusy] = useState(false);

  async function print() {
    setBusy(true);
    try {
      const file = await invoke('contacts.printDirectory', {
        ...(kind ? { kind: kind as OrgKind } : {}),
        ...(area ? { area } : {}),
        signerTitle,
        signerName,
      });
      const saved = await saveFile(file);
      if (saved) notifyOk(t('export.done', { file: saved }));
      props.onClose();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('print.title')}>
      <Stack>
        <Select
          label={t('contact.filterKind')}
          clearable
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
        />
        <Select
          label={t('contact.filterArea')}
          clearable
          searchable
          data={props.areas}
          value={area}
          onChange={setArea}
        />
        <Textarea
          label={t('print.signerTitle')}
          value={signerTitle}
          onChange={(e) => setSignerTitle(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <TextInput
          label={t('print.signerName')}
          value={signerName}
          onChange={(e) => setSignerName(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button data-testid="print-confirm" loading={busy} onClick={() => void print()}>
            {t('print.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
