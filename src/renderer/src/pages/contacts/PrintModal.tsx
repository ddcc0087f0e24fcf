import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { OrgKind } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { foldFilter } from '../../components/selectFilter';
import { SignerFields } from '../../components/SignerFields';
import { useFileSave, useRememberedSigner } from '../../components/useFileSave';
import { useI18n } from '../../i18n';
import { kindOptions } from './labels';

/** Shared with the other printed reports: the same person usually signs them all. */

/** Prints the directory as an official .docx (Nghị định 30/2020) and saves it where the user chooses. */
export function PrintModal(props: { opened: boolean; areas: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const signer = useRememberedSigner();
  const { busy, save } = useFileSave();

  async function print() {
    const ok = await save(() =>
      invoke('contacts.printDirectory', {
        ...(kind ? { kind: kind as OrgKind } : {}),
        ...(area ? { area } : {}),
        signerTitle: signer.title,
        signerName: signer.name,
      }),
    );
    if (!ok) return;
    signer.remember();
    props.onClose();
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('print.title')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('print.help')}
        </Text>
        <Select
          data-testid="print-kind"
          label={t('contacts.filterKind')}
          placeholder={t('common.all')}
          clearable
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
        />
        <Select
          data-testid="print-area"
          label={t('contacts.filterArea')}
          placeholder={t('common.all')}
          clearable
          searchable
          filter={foldFilter}
          nothingFoundMessage={t('common.nothingFound')}
          data={props.areas}
          value={area}
          onChange={setArea}
        />
        <SignerFields signer={signer} testIdPrefix="print" />
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
