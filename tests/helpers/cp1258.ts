/** Text as Excel's "CSV (Comma delimited)" writes it on Vietnamese Windows: code page 1258, tones combining. */
export function windows1258(text: string): Buffer {
  const decoder = new TextDecoder('windows-1258');
  const byChar = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  const tones = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else if (byChar.has(ch)) out.push(byChar.get(ch)!);
    else {
      const parts = [...ch.normalize('NFD')];
      const base = parts
        .filter((c) => !tones.has(c))
        .join('')
        .normalize('NFC');
      const b = base.charCodeAt(0) < 0x80 ? base.charCodeAt(0) : byChar.get(base);
      if (b === undefined) throw new Error(`not in 1258: ${ch}`);
      out.push(b, ...parts.filter((c) => tones.has(c)).map((c) => byChar.get(c)!));
    }
  }
  return Buffer.from(out);
}
