import type { Schemas } from '../api/client';

export type Me = Schemas['Me'];

/** Platform roles see every team; platform admins may change anything. */
export function isPlatformUser(me: Me): boolean {
  return (me.platformRoles ?? []).length > 0;
}

function teamRole(me: Me, team: string) {
  return me.teams?.find((m) => m.team === team)?.role;
}

/** The same rules as the control plane's Permission: the server decides, the console only hides. */
export function canWritePipelines(me: Me, team: string): boolean {
  if (me.platformRoles?.includes('platform-admin')) return true;
  const role = teamRole(me, team);
  return role === 'team-developer' || role === 'team-admin';
}

export function canReadAudit(me: Me, team: string): boolean {
  return me.platformRoles?.includes('platform-admin') === true || teamRole(me, team) === 'team-admin';
}
