import { ITEM_RESULTS, type ItemResult } from '../../../shared/contract';
import { CliError, defineCli, need, saveFile, show, SIGNER_OPTIONS, signerInput } from '../cliCommand';
import { eventId, isoDate, orgId, pick } from '../plans/cli';

function itemNo(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`--item must be an item's number (1, 2, …), not "${value}"`);
  return n;
}

function result(value: string): ItemResult {
  if (!(ITEM_RESULTS as readonly string[]).includes(value))
    throw new CliError(`--result must be one of ${ITEM_RESULTS.join(', ')}, not "${value}"`);
  return value as ItemResult;
}

export const inspectionsCli = defineCli([
  {
    name: 'inspections templates',
    usage: `inspections templates [--json]   the checklists: shipped templates (by key) and the office's copies (by id)`,
    async run(io) {
      const list = await io.call('inspections.templates', {});
      show(io, list, () =>
        list
          .map((c) => `${c.ref}  ${c.unitKind}  edition ${c.edition}  ${c.itemCount} items  ${c.name}`)
          .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'inspections plan',
    usage: `inspections plan --event E --org ORG --template T --date YYYY-MM-DD [--place P] [--reinspect ID] [--json]
      plans an inspection of ORG (id or unique name) with checklist T; prints its id`,
    options: {
      event: { type: 'string' },
      org: { type: 'string' },
      template: { type: 'string' },
      date: { type: 'string' },
      place: { type: 'string' },
      reinspect: { type: 'string' },
    },
    async run(io, a) {
      const r = await io.call('inspections.plan', {
        eventId: await eventId(io, a),
        orgId: await orgId(io, need(a, 'org', 'inspections plan needs --org ORG')),
        checklist: need(a, 'template', 'inspections plan needs --template T (see inspections templates)'),
        date: isoDate(need(a, 'date', 'inspections plan needs --date YYYY-MM-DD'), 'date'),
        place: typeof a.values.place === 'string' ? a.values.place : '',
        reinspectionOf: typeof a.values.reinspect === 'string' ? a.values.reinspect : null,
      });
      show(io, r, () => r.id);
      return 0;
    },
  },
  {
    name: 'inspections list',
    usage: `inspections list [--event E] [--json]   inspections with their status and counts`,
    options: { event: { type: 'string' } },
    async run(io, a) {
      const list = await io.call('inspections.list', a.values.event ? { eventId: await eventId(io, a) } : {});
      show(io, list, () =>
        list
          .map(
            (i) =>
              `${i.id}  ${i.date}  ${i.status}  ${i.recorded}/${i.itemCount} recorded, ${i.failed} failed, ${i.openFindings} open findings  ${i.orgName}`,
          )
          .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'inspections record',
    usage: `inspections record ID --item N --result dat|khong-dat|khong-ap-dung [--notes T]
      saves one item's result at once (N: the item's number in the checklist)`,
    options: { item: { type: 'string' }, result: { type: 'string' }, notes: { type: 'string' } },
    async run(io, a) {
      const id = a.args[0];
      if (!id) throw new CliError('inspections record needs the inspection ID');
      const insp = pick(await io.call('inspections.list', {}), id, (i) => i.orgName, 'inspection');
      const r = await io.call('inspections.record', {
        inspectionId: insp.id,
        itemNo: itemNo(need(a, 'item', 'inspections record needs --item N')),
        result: result(need(a, 'result', 'inspections record needs --result dat|khong-dat|khong-ap-dung')),
        notes: typeof a.values.notes === 'string' ? a.values.notes : '',
      });
      show(io, r, () => `${r.no}. ${r.result}`);
      return 0;
    },
  },
  {
    name: 'inspections print',
    usage: `inspections print ID --out F.docx   the BIÊN BẢN KIỂM TRA of an inspection`,
    options: { out: { type: 'string' } },
    async run(io, a) {
      const id = a.args[0];
      if (!id) throw new CliError('inspections print needs the inspection ID');
      const out = need(a, 'out', 'inspections print needs --out F.docx');
      const insp = pick(await io.call('inspections.list', {}), id, (i) => i.orgName, 'inspection');
      saveFile(io, out, await io.call('inspections.print', { id: insp.id }));
      return 0;
    },
  },
  {
    name: 'inspections report',
    usage: `inspections report --event E --out F.docx|F.xlsx [--signer NAME --signer-title T]
      the BÁO CÁO kết quả kiểm tra of the event's round (.xlsx: the figures as a workbook)`,
    options: { event: { type: 'string' }, out: { type: 'string' }, ...SIGNER_OPTIONS },
    async run(io, a) {
      const out = need(a, 'out', 'inspections report needs --out F.docx');
      const { signerName, signerTitle } = signerInput(a);
      const file = await io.call('inspections.report', {
        eventId: await eventId(io, a),
        format: out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'docx',
        signerName,
        signerTitle,
      });
      saveFile(io, out, file);
      return 0;
    },
  },
]);
