import { createContext, useContext, useMemo } from 'react';
import {
  allows as accessAllows,
  can as userCan,
  type Access,
  type Channel,
  type SessionUser,
} from '../../../shared/contract';

/** The signed-in user, provided by the Shell to every section. */
export const SessionUserContext = createContext<SessionUser | null>(null);

export interface Permissions {
  user: SessionUser | null;
  /**
   * Whether the core lets this user call the channel: the roles come from the module's contract,
   * so the UI offers exactly what the core allows (and the core checks again on every call).
   */
  can: (channel: Channel) => boolean;
  /** The same for a finer rule a contract exports as roles (e.g. who keeps classified registers). */
  allows: (access: Access) => boolean;
}

export function usePermissions(): Permissions {
  const user = useContext(SessionUserContext);
  return useMemo(
    () => ({
      user,
      can: (channel: Channel) => userCan(user, channel),
      allows: (access: Access) => accessAllows(access, user),
    }),
    [user],
  );
}
