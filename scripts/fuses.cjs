// electron-builder afterPack hook: flips the fuses of scripts/fuses.config.cjs in the packaged
// Electron binary. afterPack runs before signing, so the signature covers the flipped fuses.
'use strict';

/** Where electron-builder put the Electron executable (same rule as its own addElectronFuses). */
function executablePath(path, context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32')
    return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

module.exports = async function flipFusesAfterPack(context) {
  const path = await import('node:path');
  const { fuseConfig } = await import('./fuses.config.cjs');
  // Our own @electron/fuses (ESM-only), not electron-builder's addElectronFuses: that one uses the
  // older copy nested in app-builder-lib (1.8), which does not know every fuse of Electron 45.
  const fuses = await import('@electron/fuses');
  const file = executablePath(path, context);
  await fuses.flipFuses(file, fuseConfig(fuses, context.electronPlatformName));
  console.log(`  • fuses flipped  file=${file}`);
};
