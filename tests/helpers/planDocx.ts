/** Plans as Word files for the import tests: the fixtures (seeds 000 and 001 as text) made .docx. */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { readFileSync } from 'node:fs';

export const planFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');

/** A .docx of one paragraph per line; the fixtures' Markdown marks become bold runs or go. */
export async function docxOf(text: string): Promise<Buffer> {
  const paragraphs = text.split('\n').map(
    (line) =>
      new Paragraph({
        children: line
          .replace(/^#+\s+/, '')
          .split('**')
          .map((part, i) => new TextRun({ text: part.replace(/\*/g, ''), bold: i % 2 === 1 })),
      }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}
