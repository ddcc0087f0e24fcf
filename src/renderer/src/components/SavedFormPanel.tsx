import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { fieldErrors, notifyError, notifyOk } from './errors';

/**
 * A record loaded once, edited as a form made from it and saved back whole (the office profile,
 * the settings): dirty tracking, field errors under their fields, a busy save.
 */
export function useSavedForm<S, F>(opts: {
  load: () => Promise<S>;
  toForm: (saved: S) => F;
  save: (form: F) => Promise<S>;
  onSaved: () => void;
  /** Moves errors on nested paths to the field that shows them. */
  placeErrors?: (errors: Record<string, string>) => Record<string, string>;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<S | null>(null);
  const [form, setForm] = useState<F | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { load, toForm } = opts;
  useEffect(() => {
    load().then(
      (s) => {
        setSaved(s);
        setForm(toForm(s));
      },
      (err: unknown) => notifyError(t, err),
    );
    // Loaded once per panel (the callbacks are new on every render, so they are not dependencies).
  }, [t]);
  // The form is built from the saved record (same keys, same order), so the JSON texts compare values.
  const dirty = !!saved && !!form && JSON.stringify(form) !== JSON.stringify(toForm(saved));

  async function submit() {
    if (!form) return;
    setBusy(true);
    setErrors({});
    try {
      const s = await opts.save(form);
      setSaved(s);
      setForm(toForm(s));
      notifyOk(t('common.saved'));
      opts.onSaved();
    } catch (err) {
      const fe = fieldErrors(t, err);
      setErrors(opts.placeErrors ? opts.placeErrors(fe) : fe);
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }
  return { saved, form, setForm, errors, busy, dirty, submit };
}

/** The frame of such a form: titled paper, the fields, a save button (with an optional note beside it). */
export function SavedFormPanel(props: {
  title: string;
  hint?: string;
  saveTestId: string;
  busy: boolean;
  dirty: boolean;
  onSubmit: () => void;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md">
      <Title order={4} mb={props.hint ? 'xs' : 'sm'}>
        {props.title}
      </Title>
      {props.hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {props.hint}
        </Text>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
        <Group justify={props.footer ? 'space-between' : 'flex-end'} mt="sm">
          {props.footer}
          <Button type="submit" data-testid={props.saveTestId} loading={props.busy} disabled={!props.dirty}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
