/**
 * Every JSON document in a package (envelope, manifest, records) is RFC 8785 (JCS) canonical
 * JSON: one value has exactly one byte form, so what is signed and hashed is unambiguous. A reader
 * therefore takes only canonical bytes, and says precisely why others are refused: JSON.parse
 * silently keeps the last of duplicate keys and rounds huge numbers, so those are looked for
 * first (they would otherwise surface only as "not canonical").
 */
import canonicalize from 'canonicalize';

/** The canonical UTF-8 bytes of a JSON value (no undefined, functions or non-finite numbers). */
export function canonicalBytes(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return Buffer.from(text, 'utf8');
}

export type JsonProblem = 'syntax' | 'duplicate-key' | 'huge-number' | 'not-canonical';

export type CanonicalParse =
  { ok: true; value: unknown } | { ok: false; problem: JsonProblem; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses bytes that must be canonical JSON; the problem names the first rule broken. */
export function parseCanonical(bytes: Uint8Array): CanonicalParse {
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'syntax', detail: 'not UTF-8 JSON' };
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== null) return { ok: false, problem: 'duplicate-key', detail: `key "${shown(duplicate)}"` };
  const huge = firstHugeNumber(value);
  if (huge !== null) return { ok: false, problem: 'huge-number', detail: huge };
  if (!canonicalBytes(value).equals(Buffer.from(bytes)))
    return { ok: false, problem: 'not-canonical', detail: 'bytes differ from the RFC 8785 form' };
  return { ok: true, value };
}

function shown(key: string): string {
  const clean = key.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? clean.slice(0, 37) + '...' : clean;
}

/**
 * The first key that an object of `text` names twice, or null. `text` is known to be valid JSON
 * (JSON.parse accepted it), so this scan only follows strings and nesting; keys are compared
 * decoded, so "a" and "\u0061" are the same key.
 */
function firstDuplicateKey(text: string): string | null {
  // One frame per open object (its keys so far, and whether a key comes next) or array (null).
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (ch === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (ch === '[') stack.push(null);
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    }
  }
  return null;
}

/**
 * The first number JSON.parse could not keep exactly as an integer (beyond 2^53, or infinite), or
 * null. Fractions are left to the canonical comparison; the schemas decide where they are allowed.
 */
function firstHugeNumber(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'a number beyond the range of a double';
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return `${value} is beyond 2^53`;
    return null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstHugeNumber(item);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) {
      const found = firstHugeNumber(item);
      if (found !== null) return found;
    }
  }
  return null;
}
