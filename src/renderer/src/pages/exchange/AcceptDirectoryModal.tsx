import { FileInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { invoke, readAsBase64 } from '../../api/client';
import { notifyOk } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

/**
 * Accepts a directory package signed by the province. The first one needs the province's
 * fingerprint from its printed form, which pins its key; later ones are checked against it.
 */
export function AcceptDirectoryModal(props: {
  opened: boolean;
  pinned: boolean;
  onClose: () => void;
  onAccepted: () => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setFile(null);
    setFingerprint('');
    setErrors({});
  }, [props.opened]);
  return (
    <FormModal
      opened={props.opened}
      title={t('exchange.directory.accept')}
      saveTestId="accept-save"
      saveLabel={t('exchange.directory.acceptButton')}
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        const bad: Record<string, string> = {};
        if (!file) bad.file = t('field.required');
        if (!props.pinned && fingerprint.replace(/\D/g, '').length !== 40)
          bad.fingerprint = t('exchange.fingerprint.digits');
        if (Object.keys(bad).length || !file) {
          setErrors(bad);
          return false;
        }
        const r = await invoke('exchange.acceptDirectory', {
          dataBase64: await readAsBase64(file),
          ...(props.pinned ? {} : { fingerprint }),
        });
        notifyOk(
          t('exchange.directory.accepted', {
            province: r.province,
            inserted: r.inserted,
            updated: r.updated,
            deleted: r.deleted,
          }),
        );
        props.onAccepted();
      }}
    >
      <Text size="sm" c="dimmed" mb="sm">
        {props.pinned ? t('exchange.directory.acceptHelp') : t('exchange.directory.acceptFirstHelp')}
      </Text>
      <FileInput
        data-testid="accept-file"
        label={t('exchange.directory.file')}
        placeholder={t('exchange.file.placeholder')}
        value={file}
        onChange={setFile}
        error={errors.file}
        required
        clearable
      />
      {!props.pinned && (
        <TextInput
          data-testid="accept-fingerprint"
          mt="sm"
          label={t('exchange.directory.provinceFingerprint')}
          value={fingerprint}
          error={errors.fingerprint}
          onChange={(e) => setFingerprint(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
          required
        />
      )}
    </FormModal>
  );
}
