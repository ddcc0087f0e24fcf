import { dueState } from '../src/shared/deadlines';
const f = { recurring: true, status: 'in-progress' as const, nextDue: '2026-03-09', lastDue: '2026-04-13', lastPassedReported: false };
for (let k = 0; k < 5; k++) { const s = performance.now(); for (let i = 0; i < 5000; i++) dueState({ ...f }, '2026-03-02'); console.log((performance.now() - s).toFixed(2)); }
const s = performance.now(); for (let i = 0; i < 5000; i++) Date.parse('2026-03-02T00:00:00Z'); console.log('parse', (performance.now() - s).toFixed(2));
