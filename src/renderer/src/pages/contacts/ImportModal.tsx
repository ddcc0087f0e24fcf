import { Alert, Checkbox, FileInput, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import type { OutputOf } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke } from '../../api/client';
import { ImportPreview } from '../../components/ImportPreview';
import { IMPORT_ACCEPT, ImportFooter, TemplateButton, useImportFlow } from '../../components/useImportFlow';
import { useI18n } from '../../i18n';

type Preview = OutputOf<'contacts.importPreview'>;

/** Choose a file → preview every row (valid / error with reason / duplicate) → import the valid rows or cancel. */
export function ImportModal(props: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const flow = useImportFlow<Preview>(props.onClose);
  const { preview } = flow;
  const [withDuplicates, setWithDuplicates] = useState(false);
  const close = () => {
    setWithDuplicates(false);
    flow.close();
  };
  const commit = () =>
    flow.commit(async (p) => {
      const r = await invoke('contacts.importCommit', {
        previewId: p.previewId,
        includeDuplicates: withDuplicates,
      });
      props.onImported();
      setWithDuplicates(false);
      return t('import.done', { n: r.imported, orgs: r.organizationsCreated });
    });

  const n = preview ? preview.counts.valid + (withDuplicates ? preview.counts.duplicate : 0) : 0;
  return (
    <Modal opened={props.opened} onClose={close} title={t('import.title')} size="80rem">
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.help')}{' '}
        <TemplateButton testId="import-template" make={() => invoke('contacts.importTemplate', {})} />
      </Text>
      <FileInput
        data-testid="import-file-input"
        label={t('import.choose')}
        placeholder={t('import.placeholder')}
        accept={IMPORT_ACCEPT}
        value={flow.file}
        onChange={(f) =>
          void flow.check(f, (fileName, dataBase64) =>
            invoke('contacts.importPreview', { fileName, dataBase64 }),
          )
        }
        disabled={flow.busy}
        clearable
      />
      {flow.error && (
        <Alert mt="md" color="red" data-testid="import-error">
          {flow.error}
        </Alert>
      )}
      {preview && (
        <>
          <ImportPreview
            key={preview.previewId}
            testId="import"
            encoding={preview.encoding}
            countsText={t('import.counts', preview.counts)}
            hasProblems={preview.counts.invalid > 0}
            statuses={['valid', 'invalid', 'duplicate']}
            rows={preview.rows}
            reason={(r) => (r.reason ? t(`contacts.reason.${r.reason}`) : null)}
            columns={[
              { header: t('contacts.fullName'), cell: (r) => r.fullName },
              { header: t('contacts.position'), cell: (r) => r.position },
              { header: t('contacts.organization'), cell: (r) => r.organization },
              {
                header: t('contacts.phones'),
                cell: (r) => r.phones.map(formatPhone).join(', '),
                nowrap: true,
              },
              { header: t('contacts.email'), cell: (r) => r.email },
              {
                header: t('contacts.roles'),
                cell: (r) => r.roles.map((x) => t(`contacts.role.${x}`)).join(', '),
              },
            ]}
          />
          {preview.counts.duplicate > 0 && (
            <Checkbox
              mt="sm"
              data-testid="import-include-duplicates"
              label={t('import.includeDuplicates')}
              checked={withDuplicates}
              onChange={(e) => setWithDuplicates(e.currentTarget.checked)}
            />
          )}
        </>
      )}
      <ImportFooter
        testId="import"
        label={t('import.commit', { n })}
        count={n}
        busy={flow.busy}
        onCancel={close}
        onCommit={() => void commit()}
      />
    </Modal>
  );
}
