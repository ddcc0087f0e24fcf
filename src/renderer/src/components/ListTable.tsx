import { LoadingOverlay, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** The striped, scrollable table of a list page, dimmed while a page loads. */
export function ListTable(props: {
  minWidth: number;
  loading?: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div style={{ position: 'relative' }}>
      <LoadingOverlay
        visible={props.loading ?? false}
        zIndex={10}
        overlayProps={{ blur: 0, backgroundOpacity: 0.3 }}
      />
      <Table.ScrollContainer minWidth={props.minWidth}>
        <Table striped highlightOnHover withTableBorder data-testid={props.testId}>
          {props.children}
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
