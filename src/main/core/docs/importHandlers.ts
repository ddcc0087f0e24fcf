import { docsContract, clearanceRank, type DocRegister, type SessionUser } from '../../../shared/contract';
import { writerOf } from '../db/recordKernel';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import { dropPreview } from '../import/previews';
import { checkRegistrar } from './handlers';
import { commitDocImport, previewDocImport } from './importDocs';

/** A secret register takes a clerk or admin cleared for at least Mật; coordinators import ordinary ones only. */
function checkRegisterAccess(user: SessionUser, register: DocRegister): void {
  const secret = register === 'secret-in' || register === 'secret-out';
  checkRegistrar(user.role, secret ? 'mat' : 'none');
  if (secret && clearanceRank(user.clearance) < clearanceRank('mat'))
    throw new AppError('FORBIDDEN', 'Your clearance does not allow a secret register');
}

export const docsImportHandlers = defineHandlers(docsContract)({
  'docs.importPreview': {
    run: (ctx, input) => {
      checkRegisterAccess(ctx.user, input.register);
      return previewDocImport(
        ctx.db,
        ctx.services,
        ctx.user,
        ctx.office.code,
        input.register,
        input.fileName,
        Buffer.from(input.dataBase64, 'base64'),
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
        (register) => checkRegisterAccess(ctx.user, register),
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
