import { Button, Group, Paper, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DraftingUnit, OfficeProfile } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { fieldErrors, notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

interface Form {
  name: string;
  parentOffice: string;
  province: string;
  placeName: string;
  /** One unit a line: "VP = Văn phòng". */
  units: string;
}

const unitsText = (units: DraftingUnit[]) =>
  units.map((u) => (u.name ? `${u.code} = ${u.name}` : u.code)).join('\n');
const parseUnits = (text: string): DraftingUnit[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code = '', ...name] = l.split('=');
      return { code: code.trim().toUpperCase(), name: name.join('=').trim() };
    });
const formOf = (o: OfficeProfile): Form => ({
  name: o.name,
  parentOffice: o.parentOffice,
  province: o.province,
  placeName: o.placeName,
  units: unitsText(o.draftingUnits),
});

/**
 * Thông tin cơ quan: what every printout takes from the office (its name, the body above it, the
 * place of the date line, the drafting units of symbols and "Lưu: VT, …"). The code stays.
 */
export function OfficePanel(props: { onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<OfficeProfile | null>(null);
  const [f, setF] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    invoke('settings.office', {}).then(
      (o) => {
        setSaved(o);
        setF(formOf(o));
      },
      (err: unknown) => notifyError(t, err),
    );
  }, [t]);
  if (!f || !saved) return null;
  const dirty = JSON.stringify(f) !== JSON.stringify(formOf(saved));
  const text = (k: keyof Form) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [k]: e.currentTarget.value });

  async function save() {
    if (!f) return;
    setBusy(true);
    setErrors({});
    try {
      const o = await invoke('settings.updateOffice', {
        name: f.name,
        parentOffice: f.parentOffice,
        province: f.province,
        placeName: f.placeName,
        draftingUnits: parseUnits(f.units),
      });
      setSaved(o);
      setF(formOf(o));
      notifyOk(t('common.saved'));
      props.onSaved();
    } catch (err) {
      const fe = fieldErrors(t, err);
      // Errors on a unit ("draftingUnits.0.code") show under the units field.
      const unit = Object.entries(fe).find(([k]) => k.startsWith('draftingUnits'));
      setErrors({ ...fe, ...(unit ? { units: unit[1] } : {}) });
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('admin.office')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.office.hint', { code: saved.code })}
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            data-testid="office-edit-name"
            label={t('admin.office.name')}
            required
            value={f.name}
            onChange={text('name')}
            error={errors.name}
          />
          <TextInput
            data-testid="office-edit-parent"
            label={t('admin.office.parentOffice')}
            value={f.parentOffice}
            onChange={text('parentOffice')}
            error={errors.parentOffice}
          />
          <TextInput
            data-testid="office-edit-province"
            label={t('admin.office.province')}
            required
            value={f.province}
            onChange={text('province')}
            error={errors.province}
          />
          <TextInput
            data-testid="office-edit-place"
            label={t('admin.office.placeName')}
            description={t('admin.office.placeNameHint')}
            value={f.placeName}
            onChange={text('placeName')}
            error={errors.placeName}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          data-testid="office-edit-units"
          label={t('admin.office.draftingUnits')}
          description={t('admin.office.draftingUnitsHint')}
          autosize
          minRows={2}
          value={f.units}
          onChange={text('units')}
          error={errors.units}
        />
        <Group justify="flex-end" mt="sm">
          <Button type="submit" data-testid="office-save" loading={busy} disabled={!dirty}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
