import { Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useI18n } from '../i18n';

/** Edit and Delete buttons of a table row (each only when given: the user may do it). */
export function RowActions(props: { onEdit?: () => void; onDelete?: () => void }) {
  const { t } = useI18n();
  return (
    <Table.Td style={{ whiteSpace: 'nowrap' }}>
      {props.onEdit && (
        <Button size="xs" variant="subtle" onClick={props.onEdit}>
          {t('common.edit')}
        </Button>
      )}
      {props.onDelete && (
        <Button size="xs" variant="subtle" color="red" onClick={props.onDelete}>
          {t('common.delete')}
        </Button>
      )}
    </Table.Td>
  );
}

/** A notice after a delete, with an Undo button that restores the tombstoned record. */
export function notifyUndo(id: string, message: string, undoLabel: string, undo: () => Promise<void>): void {
  notifications.show({
    id,
    autoClose: 8000,
    message: (
      <Group justify="space-between">
        <Text size="sm">{message}</Text>
        <Button
          size="xs"
          variant="light"
          data-testid="undo-delete"
          onClick={async () => {
            await undo();
            notifications.hide(id);
          }}
        >
          {undoLabel}
        </Button>
      </Group>
    ),
  });
}
