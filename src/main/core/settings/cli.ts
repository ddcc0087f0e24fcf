import type { DraftingUnit, InputOf } from '../../../shared/contract';
import { CliError, defineCli, show } from '../cliCommand';

/** "VP=Văn phòng,HTS=Phòng Hạ tầng số" (or just "VP,HTS") as drafting units. */
function parseUnits(text: string): DraftingUnit[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [code = '', ...name] = part.split('=');
      return { code: code.trim(), name: name.join('=').trim() };
    });
}

export const settingsCli = defineCli([
  {
    name: 'settings office',
    usage: "settings office [--json]        this office's profile, as every printout uses it",
    async run(io) {
      const o = await io.call('settings.office', {});
      show(io, o, () =>
        [
          `Name:            ${o.name} (${o.code})`,
          `Body above:      ${o.parentOffice || '-'}`,
          `Province:        ${o.province}`,
          `Place name:      ${o.placeName || `(the province: ${o.province})`}`,
          `Drafting units:  ${o.draftingUnits.map((u) => `${u.code}${u.name ? `=${u.name}` : ''}`).join(', ') || '-'}`,
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'settings office-set',
    usage: `settings office-set [--name N] [--parent-body B] [--province P] [--place PLACE]
      [--drafting-units "VP=Văn phòng,HTS=Phòng Hạ tầng số"]   edit the office profile
      (admin); PLACE is the date line's place (province or commune), "" for the province`,
    options: {
      name: { type: 'string' },
      'parent-body': { type: 'string' },
      province: { type: 'string' },
      place: { type: 'string' },
      'drafting-units': { type: 'string' },
    },
    async run(io, a) {
      const str = (n: string) => (typeof a.values[n] === 'string' ? (a.values[n] as string) : undefined);
      const input: InputOf<'settings.updateOffice'> = {
        ...(str('name') ? { name: str('name') } : {}),
        ...(str('parent-body') !== undefined ? { parentOffice: str('parent-body') } : {}),
        // --province has a default of '' (from init's options): only a value given changes it.
        ...(str('province') ? { province: str('province') } : {}),
        ...(str('place') !== undefined ? { placeName: str('place') } : {}),
        ...(str('drafting-units') !== undefined
          ? { draftingUnits: parseUnits(str('drafting-units') ?? '') }
          : {}),
      };
      if (Object.keys(input).length === 0)
        throw new CliError(
          'settings office-set needs at least one of --name, --parent-body, --province, --place, --drafting-units',
        );
      const o = await io.call('settings.updateOffice', input);
      show(io, o, () => `Office profile of ${o.code} saved`);
      return 0;
    },
  },
]);
