/**
 * Resolving a fork held in quarantine (two different packages for one place in an office's
 * chain). The administrator either keeps the package applied and dismisses the other, or accepts
 * the sender's restart after it restored a backup: the chain applied from it is rewound to just
 * before the fork, so the quarantined package and those after it apply when imported again.
 * One transaction with its audit entry; a fork is resolved once.
 */
import type { OutputOf } from '../../../../shared/contract';
import { AppError } from '../../errors';
import type { ExchangeEnv } from './env';
import { quarantinedFork, resolveFork, rewindChain } from './state';

export function resolveQuarantined(
  env: Pick<ExchangeEnv, 'db' | 'tx' | 'audit' | 'now' | 'userName'>,
  input: { id: number; action: 'keep' | 'restart'; reason: string },
): OutputOf<'exchange.quarantineResolve'> {
  return env.tx(() => {
    const fork = quarantinedFork(env.db, input.id);
    if (!fork) throw new AppError('NOT_FOUND', `No fork #${input.id} in quarantine`);
    if (fork.resolution)
      throw new AppError('CONFLICT', `Fork #${input.id} was already resolved (${fork.resolution})`);
    // A package that does not follow any applied one has nothing here to restart from.
    if (input.action === 'restart' && fork.appliedHash === null)
      throw new AppError(
        'VALIDATION',
        `Fork #${input.id} does not replace an applied package: only keeping the chain is possible`,
      );
    const forgottenHeads = input.action === 'restart' ? rewindChain(env.db, fork.office, fork.sequence) : 0;
    const resolution = input.action === 'keep' ? 'kept' : 'restarted';
    const at = env.now().toISOString();
    resolveFork(env.db, fork.id, { resolution, reason: input.reason, by: env.userName, at });
    env.audit({
      action: 'exchange.fork.resolve',
      targetType: 'package',
      targetId: fork.hash,
      details: {
        office: fork.office,
        sequence: fork.sequence,
        appliedHash: fork.appliedHash,
        resolution,
        reason: input.reason,
        forgottenHeads,
      },
    });
    return quarantinedFork(env.db, fork.id)!;
  });
}
