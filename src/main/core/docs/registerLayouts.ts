/**
 * Column layouts of the printed registers, read from resources/registers/*.json. They are data, not
 * code: a new edition of an official form means a new layout file (or version), and the unconfirmed
 * state-secret forms can be corrected without touching the builder. A layout's title is printed;
 * its basis, version and notes are for maintainers and never reach the paper.
 */
import { z } from 'zod';
import { PRINT_REGISTERS, type PrintRegister } from '../../../shared/contract';
import copyLayout from '../../../../resources/registers/copy.json';
import inLayout from '../../../../resources/registers/in.json';
import outLayout from '../../../../resources/registers/out.json';
import secretInLayout from '../../../../resources/registers/secret-in.json';
import secretOutLayout from '../../../../resources/registers/secret-out.json';
import transferLayout from '../../../../resources/registers/transfer.json';
import { textWidthMm } from '../print/officialDocx';

/** Fields a column may print, per kind of row; "blank" is a column written in by hand. */
export const DOCUMENT_FIELDS = [
  'arrivalDate',
  'number',
  'sender',
  'symbol',
  'documentDate',
  'symbolAndDate',
  'transferDate',
  'typeAndSummary',
  'summary',
  'handler',
  'signer',
  'recipients',
  'copies',
  'level',
  'urgency',
  'deadline',
  'notes',
  'blank',
] as const;
export const TRANSFER_FIELDS = [
  'number',
  'transferredAt',
  'symbol',
  'symbolAndDate',
  'level',
  'summary',
  'toPerson',
  'toUnit',
  'toPersonAndUnit',
  'returnedAt',
  'notes',
  'blank',
] as const;
export const COPY_FIELDS = [
  'copyNumbers',
  'madeAt',
  'symbol',
  'docRef',
  'level',
  'copyKind',
  'quantity',
  'authorisedBy',
  'authorisationRef',
  'authorisation',
  'madeBy',
  'recipient',
  'blank',
] as const;

export type RowSource = 'documents' | 'transfers' | 'copies';
export function sourceOf(register: PrintRegister): RowSource {
  return register === 'transfer' ? 'transfers' : register === 'copy' ? 'copies' : 'documents';
}
const FIELDS: Record<RowSource, readonly string[]> = {
  documents: DOCUMENT_FIELDS,
  transfers: TRANSFER_FIELDS,
  copies: COPY_FIELDS,
};

const Column = z.strictObject({
  header: z.string().min(1),
  field: z.string().min(1),
  widthMm: z.number().positive(),
  align: z.enum(['left', 'center']).default('left'),
});

const Layout = z.strictObject({
  layout: z.enum(PRINT_REGISTERS),
  version: z.number().int().positive(),
  /** Printed on the cover and nowhere else. */
  title: z.string().min(1),
  /**
   * The legal text and form the layout follows. Like `version`, `unconfirmed` and `notes` it stays
   * in this file: nothing internal is printed on the book.
   */
  basis: z.string().min(1),
  /** Set while the columns follow a form we could not check against the official text. */
  unconfirmed: z.boolean().default(false),
  /** Maintainers' notes on where the columns come from; never printed. */
  notes: z.string().default(''),
  orientation: z.enum(['portrait', 'landscape']).default('landscape'),
  /** Size of the table text; 11 pt keeps a date on one line in a landscape book's narrow columns. */
  fontPt: z.number().min(9).max(13).default(11),
  /** A row (1), (2)… under the header numbering the columns, as the official forms have. */
  numberedColumns: z.boolean().default(true),
  columns: z.array(Column).min(1),
});
export type RegisterLayout = z.infer<typeof Layout>;

/** Checks one layout file; the message names the file, as a bad file is a packaging mistake. */
export function parseLayout(fileName: string, raw: unknown): RegisterLayout {
  const r = Layout.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`Register layout ${fileName}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const layout = r.data;
  if (`${layout.layout}.json` !== fileName)
    throw new Error(`Register layout ${fileName}: "layout" is ${layout.layout}, not the file name`);
  const allowed = FIELDS[sourceOf(layout.layout)];
  const bad = layout.columns.find((c) => !allowed.includes(c.field));
  if (bad)
    throw new Error(
      `Register layout ${fileName}: unknown field "${bad.field}" (allowed: ${allowed.join(', ')})`,
    );
  const total = layout.columns.reduce((a, c) => a + c.widthMm, 0);
  const width = textWidthMm(layout.orientation);
  if (Math.abs(total - width) > 0.01)
    throw new Error(`Register layout ${fileName}: columns total ${total} mm, the page text is ${width} mm`);
  return layout;
}

/** The shipped files, by name; tests check this list matches the folder. */
export const LAYOUT_FILES: Readonly<Record<string, unknown>> = {
  'in.json': inLayout,
  'out.json': outLayout,
  'secret-in.json': secretInLayout,
  'secret-out.json': secretOutLayout,
  'transfer.json': transferLayout,
  'copy.json': copyLayout,
};

let cache: Map<PrintRegister, RegisterLayout> | null = null;

export function registerLayout(register: PrintRegister): RegisterLayout {
  cache ??= new Map(
    Object.entries(LAYOUT_FILES).map(([file, raw]) => {
      const l = parseLayout(file, raw);
      return [l.layout, l];
    }),
  );
  const layout = cache.get(register);
  if (!layout) throw new Error(`No register layout file for ${register}`);
  return layout;
}
