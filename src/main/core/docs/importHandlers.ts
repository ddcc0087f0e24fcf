import { docsContract, clearanceRank, type DocRegister } from '../../../shared/contract';
import { writerOf } from '../db/recordKernel';
import { defineHandlers, type CtxOf } from '../handler';
import { dropPreview } from '../import/previews';
import { checkRegistrar, deny } from './handlers';
import { commitDocImport, previewDocImport } from './importDocs';

/**
 * A secret register takes a clerk or admin cleared for at least Mật; coordinators import ordinary
 * ones only. Refusals are audited against the register.
 */
function checkRegisterAccess(ctx: CtxOf<typeof docsContract>, register: DocRegister): void {
  const secret = register === 'secret-in' || register === 'secret-out';
  const target = { targetType: 'register', id: register, level: secret ? 'mat' : 'none' } as const;
  checkRegistrar(ctx, 'docs.import', target);
  if (secret && clearanceRank(ctx.user.clearance) < clearanceRank('mat'))
    deny(ctx, 'docs.import', target, 'Your clearance does not allow a secret register');
}

export const docsImportHandlers = defineHandlers(docsContract)({
  'docs.importPreview': {
    run: (ctx, input) => {
      checkRegisterAccess(ctx, input.register);
      return previewDocImport(
        ctx.db,
        ctx.services,
        ctx.user,
        ctx.office.code,
        input.register,
        input.fileName,
        Buffer.from(input.dataBase64, 'base64'),
        input.allowUnusual,
      );
    },
  },
  'docs.importCommit': {
    run: (ctx, input) => {
      const r = commitDocImport(
        ctx.db,
        ctx.services,
        input,
        writerOf(ctx),
        (register) => checkRegisterAccess(ctx, register),
        (result) =>
          ctx.audit({
            action: 'docs.import',
            targetType: 'document',
            targetId: input.previewId,
            details: { ...result },
          }),
      );
      dropPreview(ctx.services, input.previewId);
      return { imported: r.imported, counters: r.counters };
    },
  },
});
