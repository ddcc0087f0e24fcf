/**
 * The list parts of a plan as the editor shows them: one line per item, and for the duties per
 * unit and the appendices one block per unit or appendix (blocks apart by an empty line). In an
 * appendix block the first line is its title, "> " a subtitle line, "# " a section heading; every
 * other line an item of the section above it.
 */
import type { PlanDoc } from '../../../../shared/contract';

export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const blocksOf = (text: string): string[][] =>
  text
    .split(/\n\s*\n/)
    .map(linesOf)
    .filter((b) => b.length > 0);

export const dutiesText = (duties: PlanDoc['duties']): string =>
  duties.map((d) => [d.unit, ...d.items].join('\n')).join('\n\n');

export const dutiesOf = (text: string): PlanDoc['duties'] =>
  blocksOf(text).map(([unit, ...items]) => ({ unit: unit ?? '', items }));

export const appendicesText = (appendices: PlanDoc['appendices']): string =>
  appendices
    .map((a) =>
      [
        a.title,
        ...(a.subtitle ? [`> ${a.subtitle}`] : []),
        ...a.sections.flatMap((s) => [...(s.heading ? [`# ${s.heading}`] : []), ...s.items]),
      ].join('\n'),
    )
    .join('\n\n');

export function appendicesOf(text: string): PlanDoc['appendices'] {
  return blocksOf(text).map(([title, ...rest]) => {
    let subtitle = '';
    const sections: PlanDoc['appendices'][number]['sections'] = [];
    for (const line of rest) {
      if (line.startsWith('> ')) subtitle = line.slice(2).trim();
      else if (line.startsWith('# ')) sections.push({ heading: line.slice(2).trim(), items: [] });
      else {
        if (sections.length === 0) sections.push({ heading: '', items: [] });
        sections.at(-1)!.items.push(line);
      }
    }
    return { title: title ?? '', subtitle, sections };
  });
}
