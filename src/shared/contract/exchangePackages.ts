/**
 * The packages half of the exchange module's contract (sending, receiving, the exchange log and
 * each office's chain state), spread into the module's contract (exchange.ts). Reason codes are
 * strings the UI words in Vietnamese (exchangeReasons.ts).
 */
import { z } from 'zod';
import type { Role } from './enums';

/** Coordinators and administrators send and receive; leaders and viewers read the log. */
const MOVERS: readonly Role[] = ['admin', 'coordinator'];
const LOG_READERS: readonly Role[] = ['admin', 'coordinator', 'leader', 'viewer'];

const OfficeCodeIn = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'office code');
const FolderPath = z.string().trim().min(1).max(4096);
const RecordTypeIn = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'record type');

/** Recipients: office codes, a group ("xa"), or every office in the directory. */
export const PackageTarget = z
  .object({
    codes: z.array(OfficeCodeIn).max(500).optional(),
    group: z.string().trim().min(1).max(40).optional(),
    all: z.boolean().optional(),
  })
  .refine((t) => [t.codes?.length ? 1 : 0, t.group ? 1 : 0, t.all ? 1 : 0].reduce((a, b) => a + b) === 1, {
    message: 'one of: office codes, a group, or all',
  });

/** Chosen records (registry entries are sent only so): by type, their ids. */
export const PackageSelection = z
  .array(z.object({ type: RecordTypeIn, ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) }))
  .max(50);

export const TypeCounts = z.record(
  z.string(),
  z.object({
    new: z.number().int(),
    updated: z.number().int(),
    deleted: z.number().int(),
    unchanged: z.number().int(),
  }),
);

/** Per record type: how many records were (or would be) new, updated, deleted, unchanged. */
export type TypeCounts = z.infer<typeof TypeCounts>;

export const SentPackage = z.object({
  office: z.string(),
  sequence: z.number().int(),
  fileName: z.string(),
  path: z.string(),
  size: z.number().int(),
  /** SHA-256 of the file: what the log, the receipt and the next package's prevHash cite. */
  hash: z.string(),
  records: z.number().int(),
  receipt: z.boolean(),
});
export type SentPackage = z.infer<typeof SentPackage>;

export const ExportPackagesInput = z.object({
  to: PackageTarget,
  /** Absent: every change since the last package to each recipient. */
  select: PackageSelection.optional(),
  outDir: FolderPath,
});
export const ExportPackagesOutput = z.object({ files: z.array(SentPackage) });

/** Records that may be chosen for a package to `to`: their title holds every folded word of `query`. */
export const PackageCandidatesInput = z.object({
  to: PackageTarget,
  query: z.string().trim().max(200).default(''),
  /** One record type only; absent: every type that may go to all the recipients. */
  type: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const PackageCandidatesOutput = z.object({
  items: z.array(z.object({ type: z.string(), id: z.string(), title: z.string(), updatedAt: z.string() })),
  /** More records matched than `limit`: narrow the search. */
  truncated: z.boolean(),
});

/** Packages to one office written again unchanged (a file lost on the way); default from the first not acknowledged. */
export const ResendPackagesInput = z.object({
  office: OfficeCodeIn,
  fromSequence: z.number().int().min(1).optional(),
  outDir: FolderPath,
});

export const PackageVerdict = z.enum(['applied', 'already-applied', 'rejected', 'quarantined']);

/** One package of a preview or an import: what it is, its verdict and (when it applies) what changes. */
export const PackageOutcome = z.object({
  file: z.string(),
  hash: z.string().nullable(),
  sender: z.string().nullable(),
  sequence: z.number().int().nullable(),
  /** In a preview, `applied` means it would be. */
  result: PackageVerdict,
  /** A stable reason code (PKG_…), null when applied. */
  reason: z.string().nullable(),
  message: z.string(),
  /** For a gap: the sequence numbers missing before this package. */
  missing: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  counts: TypeCounts,
  receipt: z.boolean(),
});
export type PackageOutcome = z.infer<typeof PackageOutcome>;

export const PreviewPackagesInput = z.object({ path: FolderPath });
export const PreviewPackagesOutput = z.object({ packages: z.array(PackageOutcome) });
export const ImportPackagesInput = z.object({
  path: FolderPath,
  /** Where the receipts for the senders are written; none written when absent. */
  receiptsDir: FolderPath.optional(),
});
export const ImportPackagesOutput = z.object({
  packages: z.array(PackageOutcome),
  receipts: z.array(SentPackage),
});

export const PackageLogEntry = z.object({
  id: z.number().int(),
  hash: z.string(),
  direction: z.enum(['in', 'out']),
  sender: z.string(),
  recipients: z.array(z.string()),
  sequence: z.number().int().nullable(),
  result: z.enum(['sent', 'applied', 'already-applied', 'rejected', 'quarantined']),
  reason: z.string().nullable(),
  counts: TypeCounts,
  receipt: z.boolean(),
  fileName: z.string(),
  size: z.number().int(),
  at: z.string(),
  userName: z.string(),
});
export type PackageLogEntry = z.infer<typeof PackageLogEntry>;
export const PackagesLogInput = z.object({
  office: OfficeCodeIn.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export const PackagesLogOutput = z.object({ items: z.array(PackageLogEntry), total: z.number().int() });

export const PeerView = z.object({
  office: z.string(),
  sentSeq: z.number().int(),
  sentAt: z.string().nullable(),
  appliedSeq: z.number().int(),
  appliedAt: z.string().nullable(),
  ackedSeq: z.number().int(),
  ackedAt: z.string().nullable(),
  /** Packages with records sent to it that it has not acknowledged yet (receipts carry none). */
  behind: z.number().int(),
  /** When a package from it was last read (applied or not). */
  lastSeenAt: z.string().nullable(),
  /** Its packages still missing here: a later one was held back by this gap. */
  missing: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
});
export const PeersOutput = z.object({
  peers: z.array(PeerView),
  quarantine: z.array(
    z.object({
      id: z.number().int(),
      office: z.string(),
      sequence: z.number().int(),
      appliedHash: z.string().nullable(),
      hash: z.string(),
      detail: z.string(),
      at: z.string(),
      /** Unresolved (null), the applied package kept, or the sender's restart accepted. */
      resolution: z.enum(['kept', 'restarted']).nullable(),
      resolvedReason: z.string().nullable(),
      resolvedBy: z.string().nullable(),
      resolvedAt: z.string().nullable(),
    }),
  ),
});

/**
 * An administrator's decision on a quarantined fork: `keep` the package applied and dismiss the
 * other, or `restart`: the sender restored a backup, so its chain here is rewound to just before
 * the fork and its new packages apply when imported again.
 */
export const ResolveForkInput = z.object({
  id: z.number().int().positive(),
  action: z.enum(['keep', 'restart']),
  reason: z.string().trim().min(3).max(500),
});
export const ResolveForkOutput = PeersOutput.shape.quarantine.element;

/** A long export or import in this core: how far it is (polled by the UI; null when none runs). */
export const PackagesProgress = z
  .object({ job: z.enum(['export', 'import', 'preview']), done: z.number().int(), total: z.number().int() })
  .nullable();

export const EXCHANGE_PACKAGE_CHANNELS = {
  'exchange.packagesExport': { input: ExportPackagesInput, output: ExportPackagesOutput, access: MOVERS },
  'exchange.packagesCandidates': {
    input: PackageCandidatesInput,
    output: PackageCandidatesOutput,
    access: MOVERS,
  },
  // Where a USB stick is likely mounted, for browser mode's folder field (no folder dialog there).
  'exchange.removableFolders': {
    input: z.object({}).strict(),
    output: z.object({ folders: z.array(z.string()) }),
    access: MOVERS,
  },
  'exchange.packagesResend': { input: ResendPackagesInput, output: ExportPackagesOutput, access: MOVERS },
  'exchange.packagesPreview': { input: PreviewPackagesInput, output: PreviewPackagesOutput, access: MOVERS },
  'exchange.packagesImport': { input: ImportPackagesInput, output: ImportPackagesOutput, access: MOVERS },
  'exchange.packagesProgress': { input: z.object({}).strict(), output: PackagesProgress, access: MOVERS },
  'exchange.packagesLog': { input: PackagesLogInput, output: PackagesLogOutput, access: LOG_READERS },
  'exchange.peers': { input: z.object({}).strict(), output: PeersOutput, access: LOG_READERS },
  // Only an administrator decides which of two packages an office's chain keeps.
  'exchange.quarantineResolve': { input: ResolveForkInput, output: ResolveForkOutput, access: ['admin'] },
} as const;

export const EXCHANGE_PACKAGE_AUDIT_ACTIONS = [
  'exchange.package.export',
  'exchange.package.resend',
  'exchange.package.import',
  'exchange.fork.resolve',
] as const;
