import type { Provision } from '../../module';
import { insertRecord } from '../../db/recordKernel';
import { OFFICE_RECORDS, ALL_TYPES, findOffice, pinProvinceKey } from './directory';
import { createOwnKeys, hasOwnKeys } from './ownKeys';
import { vnIsoDate } from '../../../../shared/dates';

/**
 * The office's exchange keys, made at setup and at the first unlock of a vault made before
 * them. A province also pins its own signing key (the key its offices accept directories from)
 * and enters itself in its directory, so the directory it publishes carries its public keys.
 */
export const ownKeysProvision: Provision = {
  pending: (db) => !hasOwnKeys(db),
  make(db, { office, actor, now }) {
    const keys = createOwnKeys(db, office, now);
    if (office.level === 'province') {
      pinProvinceKey(db, { ...keys, level: office.level, pinnedAt: vnIsoDate(now) });
      if (!findOffice(db, office.code))
        insertRecord(
          db,
          OFFICE_RECORDS,
          {
            code: office.code,
            name: office.name,
            level: office.level,
            signingKey: keys.signingKey,
            recipient: keys.recipient,
            fingerprint: keys.fingerprint,
            groups: '[]',
            maySend: JSON.stringify([ALL_TYPES]),
            mayReceive: JSON.stringify([ALL_TYPES]),
            validFrom: vnIsoDate(now),
            validTo: null,
            revokedAt: null,
            revokedReason: null,
            organizationId: null,
          },
          { office: office.code, level: office.level, user: actor, now },
        );
    }
    return {
      action: 'exchange.keys.create',
      targetType: 'office',
      targetId: office.code,
      details: { fingerprint: keys.fingerprint, signingKey: keys.signingKey, recipient: keys.recipient },
    };
  },
};
