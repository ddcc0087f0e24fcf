import { Button, Group, Modal } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { fieldErrors, notifyError, notifyOk } from './errors';

/**
 * A modal form with Save/Cancel: Enter submits, Escape cancels. A failed save keeps the form open,
 * shows the message and hands the field errors to the caller.
 */
export function FormModal(props: {
  opened: boolean;
  title: string;
  size?: string;
  saveTestId: string;
  onClose: () => void;
  /** Resolves false when the caller's own checks refused the input (errors already shown). */
  onSave: () => Promise<boolean | void>;
  onErrors: (errors: Record<string, string>) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            if ((await props.onSave()) === false) return;
            notifyOk(t('common.saved'));
            props.onClose();
          } catch (err) {
            props.onErrors(fieldErrors(t, err));
            notifyError(t, err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {props.children}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid={props.saveTestId} loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
