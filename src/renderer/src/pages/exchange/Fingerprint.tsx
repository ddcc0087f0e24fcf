import { Group, Text, type MantineSize } from '@mantine/core';

/** A fingerprint as on the printed form: 8 groups of 5 digits, in a fixed-width face to compare. */
export function Fingerprint(props: { value: string; testId?: string; size?: MantineSize; gap?: number }) {
  return (
    <Group gap={props.gap ?? 'md'} data-testid={props.testId}>
      {props.value.split(' ').map((g, i) => (
        <Text key={i} ff="monospace" fw={700} size={props.size ?? 'sm'}>
          {g}
        </Text>
      ))}
    </Group>
  );
}
