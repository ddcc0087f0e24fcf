import { Button, Group, Modal, Text } from '@mantine/core';
import { useI18n } from '../i18n';

/** Asks before a destructive act; the confirm button has the focus, Escape cancels. */
export function ConfirmModal(props: {
  opened: boolean;
  message: string;
  title?: string;
  confirmLabel?: string;
  onConfirm: () => void;
  onClose: () => void;
  danger?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title ?? t('common.confirm')} centered>
      <Text mb="lg" style={{ whiteSpace: 'pre-line' }}>
        {props.message}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          data-autofocus
          data-testid="confirm-ok"
          color={props.danger ? 'red' : undefined}
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {props.confirmLabel ?? t('common.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
