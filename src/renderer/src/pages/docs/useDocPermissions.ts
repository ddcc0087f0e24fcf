import {
  CLEARANCES,
  clearanceRank,
  SECRET_REGISTRARS,
  type Channel,
  type Clearance,
} from '../../../../shared/contract';
import { usePermissions } from '../../components/usePermissions';

/**
 * The registry's rules, read from its contract as the core applies them: a channel's roles, and
 * for a classified entry also a keeper of classified registers (SECRET_REGISTRARS).
 */
export function useDocPermissions() {
  const { can, allows, user } = usePermissions();
  const keepsSecrets = allows(SECRET_REGISTRARS);
  return {
    can,
    /** Whether classified registers (Mật đến/đi) are this user's to keep. */
    keepsSecrets,
    /** Whether this user may act through the channel on an entry of this level. */
    mayAct: (channel: Channel, level: Clearance) => can(channel) && (level === 'none' || keepsSecrets),
    /** The levels this user may register: ordinary, and for a keeper classified up to their clearance. */
    levels: CLEARANCES.filter(
      (c) =>
        c === 'none' || (keepsSecrets && user !== null && clearanceRank(c) <= clearanceRank(user.clearance)),
    ),
  };
}
