// User= and Group= looked up in the user database (systemd's get_fixed_user() and
// get_fixed_group()), for the spawn and for the directories made for the unit.

import type { Unit } from '../units/model.js';
import type { ProcessPort, UserRecord } from './port.js';

/** The user, and the gid Group= or the user's own gives; or why they cannot be known (217/USER, 216/GROUP). */
export type UnitCredentials =
  | { ok: true; user: UserRecord | null; gid: number | undefined }
  | { ok: false; stage: string; message: string; exitStatus: number };

export function resolveCredentials(unit: Unit, port: ProcessPort): UnitCredentials {
  const exec = unit.exec;
  let user: UserRecord | null = null;
  let gid: number | undefined;
  if (exec?.user) {
    user = port.lookupUser(exec.user);
    if (!user) return { ok: false, stage: 'user', message: `Failed to determine user credentials: no such user '${exec.user}'`, exitStatus: 217 };
    gid = user.gid;
  }
  if (exec?.group) {
    const g = port.lookupGroup(exec.group);
    if (g === null) return { ok: false, stage: 'group', message: `Failed to determine group credentials: no such group '${exec.group}'`, exitStatus: 216 };
    gid = g;
  }
  return { ok: true, user, gid };
}
