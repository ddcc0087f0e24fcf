import type { BodyBlock } from './officialDocx';

/** A heading of an official document's body ("I. THÀNH PHẦN"): bold, not indented, kept with what follows. */
export const heading = (text: string): BodyBlock => ({
  kind: 'paragraph',
  text,
  bold: true,
  firstLineIndent: false,
  keepNext: true,
});
/** A body paragraph: justified, its first line indented. */
export const para = (text: string): BodyBlock => ({
  kind: 'paragraph',
  text,
  align: 'justify',
  firstLineIndent: true,
});
/** An item of a list: "- " and a body paragraph. */
export const dash = (text: string) => para(`- ${text}`);
