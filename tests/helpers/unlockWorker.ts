/**
 * Signs in once in its own OS process (run with tsx; one JSON argument: dataDir, userName,
 * password), printing the result as one JSON line. With TTLL_TEST_CRASH_AT set in its
 * environment it is killed at that point of the key-file upgrade (vault/vaultSession.ts).
 */
import { Core } from '../../src/main/core/app';

const spec = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; userName: string; password: string };
const core = Core.open({ dataDir: spec.dataDir, kdfTargetMs: 50 });
const r = await core.invoke('vault.unlock', { userName: spec.userName, password: spec.password });
console.log(JSON.stringify(r));
core.close();
