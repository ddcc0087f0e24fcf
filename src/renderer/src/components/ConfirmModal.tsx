import { Button, Group, Modal, Text } from '@mantine/core';
import { useI18n, type Translate } from '../i18n';

/** The cancel button's words: "Hủy", or "Đóng" when the act's own words contain "hủy". */
export function wayOut(t: Translate, ...actLabels: string[]): string {
  const cancel = t('common.cancel');
  const clash = actLabels.some((l) => l.toLocaleLowerCase('vi').includes(cancel.toLocaleLowerCase('vi')));
  return clash ? t('common.close') : cancel;
}

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
  // "Hủy" next to "Hủy số" or "Tiêu hủy" reads as the act itself: the way out is then "Đóng".
  const cancel = wayOut(t, props.confirmLabel ?? '');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title ?? t('common.confirm')} centered>
      <Text mb="lg" style={{ whiteSpace: 'pre-line' }}>
        {props.message}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {cancel}
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
