// The layering of README.md (Architecture), checked by dependency-cruiser on RESOLVED paths: an
// import is judged by the file it lands on, so '../../main/core/x', an index file or a `.ts`
// extension cannot dodge a rule, and a name that merely contains "main" is not caught by mistake.
// Type-only imports count too. `npm run lint` runs it (lint:layers); tests/unit/layering.test.ts
// proves a forbidden import fails it.
//
//   src/renderer  -> src/shared                  (no Node builtins, no Electron)
//   src/preload   -> src/shared                  (no Node builtins; Electron allowed)
//   src/main      -> src/main/core, src/shared   (the Electron shell)
//   src/main/core -> src/shared                  (plain Node: no Electron)
//   core/vault    -> core/vault, core/db, errors, crashPoint, src/shared
//                    (below the modules: audit, users and the module shape plug into its ports)
//   src/cli       -> src/main/core, src/shared   (no Electron, nothing from the shell)
//   src/host      -> src/main/core, src/shared   (no Electron, nothing from the shell)
//   src/shared    -> src/shared, zod             (nothing else, no Node builtins)
//
// Packages from node_modules are otherwise free (Electron excepted), as are JSON data files under
// resources/; any other file outside the allowed folders (tests/, scripts/, another layer) is refused.

const NPM = '^node_modules/';
/** Data shipped with the app (README: resources/) may be imported as JSON by any layer but src/shared. */
const RESOURCES = '^resources/[^/].*[.]json$';
const ELECTRON = '^node_modules/electron/';

/** `from` may import only its own `allowed` folders under src/, and packages from node_modules. */
const onlyFrom = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { dependencyTypesNot: ['core'], pathNot: [...allowed, NPM, RESOURCES] },
});
const noElectron = (name, from, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: ELECTRON },
});
const noNodeBuiltins = (name, from, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { dependencyTypes: ['core'] },
});

const RENDERER = '^src/renderer/';
const PRELOAD = '^src/preload/';
const SHELL = '^src/main/(?!core/)';
const CORE = '^src/main/core/';
const CLI = '^src/cli/';
const HOST = '^src/host/';
const SHARED = '^src/shared/';
const VAULT = '^src/main/core/vault/';
const DB = '^src/main/core/db/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-only-shared-and-zod',
      comment: 'src/shared is pure and imported by every layer: it may import only src/shared and zod.',
      severity: 'error',
      from: { path: SHARED },
      to: { pathNot: [SHARED, '^node_modules/zod/'] },
    },
    onlyFrom(
      'renderer-only-shared',
      RENDERER,
      [RENDERER, SHARED],
      'The renderer is untrusted: it reaches the core only through the contract client (src/shared).',
    ),
    noElectron('renderer-no-electron', RENDERER, 'The renderer is untrusted: no Electron.'),
    noNodeBuiltins(
      'renderer-no-node-builtins',
      RENDERER,
      'The renderer runs in a browser: no Node builtins.',
    ),
    onlyFrom(
      'preload-only-shared',
      PRELOAD,
      [PRELOAD, SHARED],
      'The preload only bridges contract channels.',
    ),
    noNodeBuiltins('preload-no-node-builtins', PRELOAD, 'The preload is sandboxed: no Node builtins.'),
    onlyFrom(
      'shell-only-core-and-shared',
      SHELL,
      ['^src/main/', SHARED],
      'The Electron shell (src/main) wires the core (src/main/core) and src/shared, nothing else.',
    ),
    onlyFrom(
      'core-only-shared',
      CORE,
      [CORE, SHARED],
      'src/main/core is plain Node: no UI, no CLI or host code, nothing from the Electron shell.',
    ),
    noElectron('core-no-electron', CORE, 'src/main/core is plain Node: no Electron.'),
    onlyFrom(
      'vault-below-modules',
      VAULT,
      [VAULT, '^src/main/core/db/', '^src/main/core/(errors|crashPoint)[.]ts$', SHARED],
      'The vault sits below the modules and the module shape (module.ts, handler.ts): what it needs ' +
        'of the audit log and of user accounts it declares in vault/ports.ts, and the core wires ' +
        'the modules in (app.ts, modules.ts). Importing audit/, users/ or the module shape would ' +
        'bring back the import loops through the vault.',
    ),
    onlyFrom(
      'db-below-everything',
      DB,
      [DB, '^src/main/core/errors[.]ts$', SHARED],
      'The database layer (the record kernel, table policies, the record types that travel) is the ' +
        'ground floor of the core: a module or the vault built on it must not be imported by it.',
    ),
    onlyFrom(
      'cli-only-core-and-shared',
      CLI,
      [CLI, CORE, SHARED],
      'The CLI runs on plain Node over the core: nothing from the Electron shell, renderer or preload.',
    ),
    noElectron('cli-no-electron', CLI, 'The CLI runs on plain Node: no Electron.'),
    onlyFrom(
      'host-only-core-and-shared',
      HOST,
      [HOST, CORE, SHARED],
      'The browser host runs on plain Node over the core: nothing from the Electron shell, renderer or preload.',
    ),
    noElectron('host-no-electron', HOST, 'The browser host runs on plain Node: no Electron.'),
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve cannot be checked against the layers.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Only our own files are read; packages are recorded (so electron is seen) but not followed.
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // `import type` counts: a layer may not even name another's types.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
