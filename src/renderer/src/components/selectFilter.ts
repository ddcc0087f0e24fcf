import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { foldVietnamese } from '../../../shared/text';

function isGroup(item: ComboboxParsedItem): item is Extract<ComboboxParsedItem, { group: unknown }> {
  return 'group' in item;
}

/**
 * Select/MultiSelect/Autocomplete search that ignores diacritics and case ("nghe an" finds
 * "Nghệ An", "dak lak" finds "Đắk Lắk"), matching every typed word anywhere in the label.
 */
export const foldFilter: OptionsFilter = ({ options, search, limit }) => {
  const words = foldVietnamese(search).split(/\s+/).filter(Boolean);
  const matches = (o: ComboboxItem) => {
    const label = foldVietnamese(o.label);
    return words.every((w) => label.includes(w));
  };
  const out: ComboboxParsedItem[] = [];
  for (const item of options) {
    if (out.length >= limit) break;
    if (isGroup(item)) {
      const items = item.items.filter(matches);
      if (items.length) out.push({ group: item.group, items });
    } else if (matches(item)) out.push(item);
  }
  return out;
};
