import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

/** How often status pages ask again: the control plane samples lag every few seconds. */
export const STATUS_REFRESH_MS = 5000;

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => unwrap<Schemas['Me']>(await api.GET('/api/v1/me')) });
}

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: ['teams'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/teams')) as Schemas['Team'][],
  });
}

export function useTeamStatus(team: string) {
  return useQuery({
    queryKey: ['team-status', team],
    refetchInterval: STATUS_REFRESH_MS,
    queryFn: async () =>
      unwrap<Schemas['TeamStatus']>(await api.GET('/api/v1/teams/{team}/status', { params: { path: { team } } })),
  });
}
