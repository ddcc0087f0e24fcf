import { Alert } from '@mantine/core';

/** In place of "no entries" when the list could not be read at all (the core is gone). */
export function ListLost(props: { message: string }) {
  return (
    <Alert color="red" my="md" data-testid="list-lost" role="alert">
      {props.message}
    </Alert>
  );
}
