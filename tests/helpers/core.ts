import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, Clearance, InputOf, OutputOf, Role, WireError } from '../../src/shared/contract';
import { Core } from '../../src/main/core/app';

export const ADMIN_PASSWORD = 'mat-khau-quan-tri-1';

export function tempDir(prefix = 'ttll-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A core on a fresh temp data folder; the KDF is calibrated fast (50 ms) for tests. */
export function openCore(dataDir = tempDir()): Core {
  return Core.open({ dataDir, kdfTargetMs: 50 });
}

export async function call<C extends Channel>(
  core: Core,
  channel: C,
  input: InputOf<C>,
): Promise<OutputOf<C>> {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { wire: r.error });
  return r.data as OutputOf<C>;
}

/** The error a call fails with (the test fails if it succeeds). */
export async function failure<C extends Channel>(
  core: Core,
  channel: C,
  input: InputOf<C>,
): Promise<WireError> {
  const r = await core.invoke(channel, input);
  if (r.ok) throw new Error(`${channel} was expected to fail but succeeded`);
  return r.error;
}

export const TEST_OFFICE = {
  name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
  code: 'SKHCN',
  level: 'province' as const,
  province: 'Nghệ An',
  parentOffice: 'UBND tỉnh Thử Nghiệm',
};

/** A set-up, unlocked core with its admin signed in, and the recovery key; the province SKHCN unless another office is given. */
export async function setupCore(
  dataDir = tempDir(),
  office: InputOf<'vault.setup'>['office'] = TEST_OFFICE,
): Promise<{ core: Core; dataDir: string; recoveryKey: string }> {
  const core = openCore(dataDir);
  const r = await call(core, 'vault.setup', {
    office,
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'tuyet-mat' },
  });
  return { core, dataDir, recoveryKey: r.recoveryKey };
}

/** Files under dir (recursively) whose bytes contain the needle in UTF-8 or UTF-16LE. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        if (forms.some((f) => bytes.includes(f))) hits.push(p);
      }
    }
  };
  walk(dir);
  return hits;
}

export const USER_PASSWORD = 'mat-khau-nguoi-1';
/** What an administrator gives a new user; it must be changed at the first sign-in. */
export const GIVEN_PASSWORD = 'mat-khau-duoc-cap-1';

/**
 * The first sign-in of a user whose password an administrator set: signs in with it and changes
 * it, as the core requires before anything else. The user stays signed in.
 */
export async function firstSignIn(
  core: Core,
  userName: string,
  given = GIVEN_PASSWORD,
  chosen = USER_PASSWORD,
): Promise<void> {
  await call(core, 'vault.lock', {});
  await call(core, 'vault.unlock', { userName, password: given });
  await call(core, 'vault.changePassword', { currentPassword: given, newPassword: chosen });
}

async function createUser(core: Core, userName: string, clearance: Clearance, role: Role) {
  await call(core, 'users.create', {
    userName,
    fullName: 'Người Thử',
    role,
    clearance,
    password: GIVEN_PASSWORD,
  });
}

/**
 * Creates a user (as the signed-in admin) who has made the first sign-in's change, so signs in
 * with USER_PASSWORD; the admin is signed in again afterwards.
 */
export async function addUser(
  core: Core,
  userName: string,
  clearance: Clearance,
  role: Role = 'clerk',
  adminPassword = ADMIN_PASSWORD,
) {
  const admin = core.vault.current().user.userName;
  await createUser(core, userName, clearance, role);
  await firstSignIn(core, userName);
  await switchTo(core, admin, adminPassword);
}

/** Locks and signs in as another user, as a second person at the same desk would. */
export async function switchTo(core: Core, userName: string, password = USER_PASSWORD) {
  await call(core, 'vault.lock', {});
  await call(core, 'vault.unlock', { userName, password });
}

/** Creates a user (as the signed-in admin) and signs in as them (the first sign-in's change made). */
export async function signInAs(core: Core, userName: string, clearance: Clearance, role: Role = 'clerk') {
  await createUser(core, userName, clearance, role);
  await firstSignIn(core, userName);
}
