import { Alert, Checkbox, FileInput, Group, Modal, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { DOC_TYPE_LABELS_VI, type DocRegister, type OutputOf } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { ImportPreview } from '../../components/ImportPreview';
import { IMPORT_ACCEPT, ImportFooter, useImportFlow, TemplateButton } from '../../components/useImportFlow';
import { useI18n } from '../../i18n';
import { useDocPermissions } from './useDocPermissions';

type Preview = OutputOf<'docs.importPreview'>;

/** Choose the register and a file of the old book → preview every row → import the valid rows or cancel. */
export function ImportDocsModal(props: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const [register, setRegister] = useState<DocRegister>('in');
  const flow = useImportFlow<Preview>(props.onClose);
  const { preview } = flow;
  const [markProcessed, setMarkProcessed] = useState(true);
  const [allowUnusual, setAllowUnusual] = useState(false);
  // Classified registers only for their keepers (the core also checks each row against the clearance).
  const { keepsSecrets } = useDocPermissions();
  const registers: DocRegister[] = keepsSecrets ? ['in', 'out', 'secret-in', 'secret-out'] : ['in', 'out'];
  /** A new file, register or confirmation: the rows are checked again. */
  const check = (f: File | null, reg: DocRegister, allow = allowUnusual) => {
    setRegister(reg);
    setAllowUnusual(allow);
    void flow.check(f, (fileName, dataBase64) =>
      invoke('docs.importPreview', { register: reg, fileName, dataBase64, allowUnusual: allow }),
    );
  };
  const commit = () =>
    flow.commit(async (p) => {
      const r = await invoke('docs.importCommit', { previewId: p.previewId, markProcessed });
      props.onImported();
      return t('docs.import.done', { n: r.imported, register: t(`docs.register.${p.register}`) });
    });

  const n = preview?.counts.valid ?? 0;
  return (
    <Modal opened={props.opened} onClose={flow.close} title={t('docs.import.title')} size="80rem">
      <Text size="sm" c="dimmed" mb="sm">
        {t('docs.import.help')}{' '}
        <TemplateButton
          testId="doc-import-template"
          make={() => invoke('docs.importTemplate', { register })}
        />
      </Text>
      <Group align="flex-end">
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('docs.import.register')}
          </Text>
          <SegmentedControl
            data-testid="doc-import-register"
            value={register}
            onChange={(v) => check(flow.file, v as DocRegister)}
            disabled={flow.busy}
            data={registers.map((r) => ({ value: r, label: t(`docs.register.${r}`) }))}
          />
        </div>
        <FileInput
          style={{ flex: 1 }}
          data-testid="doc-import-file-input"
          label={t('import.choose')}
          placeholder={t('import.placeholder')}
          accept={IMPORT_ACCEPT}
          value={flow.file}
          onChange={(f) => check(f, register)}
          disabled={flow.busy}
          clearable
        />
      </Group>
      <Checkbox
        mt="sm"
        data-testid="doc-import-allow-unusual"
        label={t('docs.import.allowUnusual')}
        checked={allowUnusual}
        disabled={flow.busy}
        onChange={(e) => check(flow.file, register, e.currentTarget.checked)}
      />
      {flow.error && (
        <Alert mt="md" color="red" data-testid="doc-import-error">
          {flow.error}
        </Alert>
      )}
      {preview && (
        <>
          <ImportPreview
            key={preview.previewId}
            testId="doc-import"
            encoding={preview.encoding}
            countsText={t('docs.import.counts', preview.counts)}
            hasProblems={preview.counts.invalid > 0}
            statuses={['valid', 'invalid']}
            rows={preview.rows}
            reason={(r) => (r.reason ? t(`docs.reason.${r.reason}`) : null)}
            columns={[
              { header: t('docs.number'), cell: (r) => r.number ?? '', align: 'right' },
              {
                header: t('docs.registeredAt'),
                cell: (r) => (r.registeredOn ? formatDate(`${r.registeredOn}T00:00:00+07:00`) : ''),
                nowrap: true,
              },
              { header: t('docs.symbol'), cell: (r) => r.symbol },
              { header: t('docs.type'), cell: (r) => DOC_TYPE_LABELS_VI[r.type] },
              { header: t('docs.level'), cell: (r) => (r.level ? t(`clearance.${r.level}`) : '') },
              { header: t('docs.sender'), cell: (r) => r.sender },
              { header: t('docs.summary'), cell: (r) => r.summary },
            ]}
          />
          <Checkbox
            mt="sm"
            data-testid="doc-import-processed"
            label={t('docs.import.markProcessed')}
            checked={markProcessed}
            onChange={(e) => setMarkProcessed(e.currentTarget.checked)}
          />
        </>
      )}
      <ImportFooter
        testId="doc-import"
        label={t('docs.import.commit', { n })}
        count={n}
        busy={flow.busy}
        onCancel={flow.close}
        onCommit={() => void commit()}
      />
    </Modal>
  );
}
