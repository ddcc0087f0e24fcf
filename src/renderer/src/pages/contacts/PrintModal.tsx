import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OrgKind } from '../../../../shared/contract';
import { invoke, saveFile } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { foldFilter } from '../../components/selectFilter';
import { useI18n } from '../../i18n';
import { kindOptions } from './labels';

/** Shared with the other printed reports: the same person usually signs them all. */
export const SIGNER_TITLE_KEY = 'ttll.print.signerTitle';
export const SIGNER_NAME_KEY = 'ttll.print.signerName';

/** Prints the directory as an official .docx (Nghị định 30/2020) and saves it where the user chooses. */
export function PrintModal(props: { opened: boolean; areas: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  // The signer rarely changes: remembered for this session (not written to disk in clear).
  const [signerTitle, setSignerTitle] = useState(() => sessionStorage.getItem(SIGNER_TITLE_KEY) ?? '');
  const [signerName, setSignerName] = useState(() => sessionStorage.getItem(SIGNER_NAME_KEY) ?? '');
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
      sessionStorage.setItem(SIGNER_TITLE_KEY, signerTitle);
      sessionStorage.setItem(SIGNER_NAME_KEY, signerName);
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
        <Text size="sm" c="dimmed">
          {t('print.help')}
        </Text>
        <Select
          data-testid="print-kind"
          label={t('contact.filterKind')}
          placeholder={t('common.all')}
          clearable
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
        />
        <Select
          data-testid="print-area"
          label={t('contact.filterArea')}
          placeholder={t('common.all')}
          clearable
          searchable
          filter={foldFilter}
          nothingFoundMessage={t('common.nothingFound')}
          data={props.areas}
          value={area}
          onChange={setArea}
        />
        <Textarea
          data-testid="print-signer-title"
          label={t('print.signerTitle')}
          value={signerTitle}
          onChange={(e) => setSignerTitle(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <TextInput
          data-testid="print-signer-name"
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
