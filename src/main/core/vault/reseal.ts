import { crashPoint } from '../crashPoint';
import { truncateWal, type Db } from '../db/open';
import { LEVELS, type KeyRing, type LevelName } from './keyRing';
import type { AuditRecord } from './ports';
import type { SealedData } from './sealedValue';

/** Entries re-sealed per transaction during a rotation (each commit is a point progress is shown). */
const RESEAL_CHUNK = 500;

/** Progress of re-sealing data under new keys, for the UI. */
export interface ResealProgress {
  key: LevelName;
  done: number;
  total: number;
}

/** The open session a re-sealing runs on. */
export interface ResealSession {
  db: Db;
  ring: KeyRing;
  user: { userName: string };
}

/**
 * Re-seals the modules' data still sealed under an older epoch of a level key the session holds
 * (after a rotation), one chunk a transaction, each level's end audited. One runs at a time.
 */
export class Resealer {
  private running: Promise<ResealProgress[]> | null = null;
  private shown: ResealProgress | null = null;

  constructor(
    private readonly deps: {
      sealed: readonly SealedData[];
      /** Whether the session is still the open one: a lock stops the re-sealing. */
      isOpen(session: ResealSession): boolean;
      /** Writes an audit entry in its own transaction. */
      audit(entry: AuditRecord): void;
    },
  ) {}

  /** Re-sealing under way, for the status shown to the user. */
  progress(): ResealProgress | null {
    return this.shown;
  }

  /**
   * Runs, yielding to the event loop between chunks (so other calls, such as vault.status with
   * progress(), are served). A lock stops it; the next sign-in resumes.
   */
  async run(
    session: () => ResealSession,
    onProgress?: (p: ResealProgress) => void,
  ): Promise<ResealProgress[]> {
    if (this.running) return this.running;
    const steps = this.steps(session(), onProgress);
    this.running = (async () => {
      try {
        for (;;) {
          const r = steps.next();
          if (r.done) return r.value;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        this.running = null;
        this.shown = null;
      }
    })();
    return this.running;
  }

  /** The same without yielding (after sign-in, in the CLI); skipped while one is under way. */
  runNow(session: () => ResealSession, onProgress?: (p: ResealProgress) => void): ResealProgress[] {
    if (this.running) return [];
    const steps = this.steps(session(), onProgress);
    try {
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    } finally {
      this.shown = null;
    }
  }

  private *steps(
    session: ResealSession,
    onProgress?: (p: ResealProgress) => void,
  ): Generator<void, ResealProgress[]> {
    const done: ResealProgress[] = [];
    const { sealed } = this.deps;
    for (const level of LEVELS) {
      const cur = session.ring.current(level);
      if (!cur) continue;
      const total = sealed.reduce((n, s) => n + s.staleCount(session.db, level, cur.epoch), 0);
      if (total === 0) continue;
      const p: ResealProgress = { key: level, done: 0, total };
      this.shown = p;
      onProgress?.({ ...p });
      for (;;) {
        if (!this.deps.isOpen(session)) return done;
        const n = session.db
          .transaction(() => {
            const sum = sealed.reduce(
              (n, s) => n + s.reseal(session.db, session.ring, level, RESEAL_CHUNK),
              0,
            );
            crashPoint(`reseal:${level}`, session.db);
            return sum;
          })
          .immediate();
        if (n === 0) break;
        p.done = Math.min(total, p.done + n);
        onProgress?.({ ...p });
        yield;
      }
      done.push({ ...p });
      truncateWal(session.db);
      this.deps.audit({
        actor: session.user.userName,
        action: 'vault.rotate',
        targetType: 'key',
        targetId: level,
        outcome: 'ok',
        details: { epoch: cur.epoch, resealed: p.done },
      });
    }
    return done;
  }
}
