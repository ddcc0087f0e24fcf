// Electron fuses for the packaged app (ARCHITECTURE.md, hardening list). One value per fuse that
// @electron/fuses knows, so a fuse added in a later Electron is a decision, not a default
// (scripts/fuses.cjs sets strictlyRequireAllFuses). tests/unit/hardening.test.ts asserts these.
'use strict';

/** Keys are @electron/fuses FuseV1Options names. */
const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node for anyone.
  RunAsNode: false,
  // Chromium's cookie store encrypted with the OS key (the app sets no cookies; no cost either way).
  EnableCookieEncryption: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or trust into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and SIGUSR1 would open a debugger on the process holding the data key.
  EnableNodeCliInspectArguments: false,
  // The app.asar checked against the hash embedded at packaging (Windows and macOS; no-op on Linux).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded, never a loose app/ folder dropped beside it.
  OnlyLoadAppFromAsar: true,
  // Default; a separate browser-process snapshot is not used.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The app serves its pages from app://, never file:, so file: pages get no extra powers.
  GrantFileProtocolExtraPrivileges: false,
  // Default (on): V8's standard WebAssembly bounds checking.
  WasmTrapHandlers: true,
});

/**
 * The FuseConfig for flipFuses, built from the enums of the installed @electron/fuses (passed
 * in, since that package is ESM-only). Throws on a name the installed version does not know.
 */
function fuseConfig(fusesModule, platform) {
  const { FuseV1Options, FuseVersion } = fusesModule;
  const config = {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature: platform === 'darwin',
  };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`Unknown Electron fuse: ${name}`);
    config[index] = value;
  }
  return config;
}

module.exports = { FUSES, fuseConfig };
