import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AuditAnchor, AuditHead } from '../../../shared/contract';
import { writeFileAtomic } from '../vault/keyfile';

/**
 * An anchor: the head of the audit log written down outside the database (beside each backup, in
 * an exported report, later in exchange packages). `audit verify` checks that the log still
 * extends every anchored head: an administrator who rewrites the log, even re-sealing it, cannot
 * reach the anchors kept elsewhere.
 */
export const ANCHOR_FORMAT = 'ttll-audit-anchor/1';
export const ANCHOR_SUFFIX = '.anchor.json';

const AnchorFile = z.object({
  format: z.literal(ANCHOR_FORMAT),
  office: z.string(),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^([0-9a-f]{64})?$/),
  at: z.string(),
  count: z.number().int(),
  writtenAt: z.string(),
  /** What it anchors: a backup's file name, "report"… */
  of: z.string(),
});
export type AnchorFile = z.infer<typeof AnchorFile>;

export function anchorOf(head: AuditHead, office: string, of: string, now: Date): AnchorFile {
  return {
    format: ANCHOR_FORMAT,
    office,
    seq: head.seq,
    hash: head.hash,
    mac: head.mac,
    at: head.at,
    count: head.count,
    writtenAt: now.toISOString(),
    of,
  };
}

export function writeAnchorFile(path: string, anchor: AnchorFile): void {
  writeFileAtomic(path, `${JSON.stringify(anchor, null, 2)}\n`);
}

/** The anchor in a file's text, or null when it is not one. */
export function parseAnchor(text: string, source: string): (AuditAnchor & { office: string }) | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const r = AnchorFile.safeParse(v);
  if (!r.success) return null;
  return { seq: r.data.seq, hash: r.data.hash, mac: r.data.mac, source, office: r.data.office };
}

/** The anchors beside the backups in a folder that belong to this office. */
export function anchorsIn(dir: string, office: string): AuditAnchor[] {
  if (!existsSync(dir)) return [];
  const out: AuditAnchor[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(ANCHOR_SUFFIX))
    .sort()) {
    let text: string;
    try {
      text = readFileSync(join(dir, f), 'utf8');
    } catch {
      continue;
    }
    const a = parseAnchor(text, f);
    if (a && a.office === office) out.push({ seq: a.seq, hash: a.hash, mac: a.mac, source: f });
  }
  return out;
}
