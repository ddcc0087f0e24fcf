import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { DraftingUnit, OfficeProfile } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { SavedFormPanel, useSavedForm } from '../../components/SavedFormPanel';
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
  const {
    saved,
    form: f,
    setForm: setF,
    errors,
    busy,
    dirty,
    submit,
  } = useSavedForm({
    load: () => invoke('settings.office', {}),
    toForm: formOf,
    save: (form: Form) =>
      invoke('settings.updateOffice', {
        name: form.name,
        parentOffice: form.parentOffice,
        province: form.province,
        placeName: form.placeName,
        draftingUnits: parseUnits(form.units),
      }),
    onSaved: props.onSaved,
    // Errors on a unit ("draftingUnits.0.code") show under the units field.
    placeErrors: (fe) => {
      const unit = Object.entries(fe).find(([k]) => k.startsWith('draftingUnits'));
      return { ...fe, ...(unit ? { units: unit[1] } : {}) };
    },
  });
  if (!f || !saved) return null;
  const text = (k: keyof Form) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [k]: e.currentTarget.value });

  return (
    <SavedFormPanel
      title={t('admin.office')}
      hint={t('admin.office.hint', { code: saved.code })}
      saveTestId="office-save"
      busy={busy}
      dirty={dirty}
      onSubmit={() => void submit()}
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
    </SavedFormPanel>
  );
}
