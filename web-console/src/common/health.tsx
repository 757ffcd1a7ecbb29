import { Label } from '@patternfly/react-core';
import type { Schemas } from '../api/client';

export type LagStatus = NonNullable<Schemas['Lag']['status']>;
export type Phase = Schemas['PipelinePhase'];

/** Worst first: the order in which a person should look at pipelines. */
export const LAG_SEVERITY: Record<LagStatus, number> = {
  STALLED: 4,
  GROWING: 3,
  STOPPED: 2,
  UNKNOWN: 1,
  OK: 0,
};

export const PHASE_SEVERITY: Record<Phase, number> = {
  Failed: 6,
  Degraded: 5,
  Provisioning: 3,
  Pending: 2,
  Deleting: 2,
  Paused: 1,
  Running: 0,
};

export function LagLabel({ status }: { status?: LagStatus }) {
  const s = status ?? 'UNKNOWN';
  const color = s === 'OK' ? 'green' : s === 'GROWING' ? 'orange' : s === 'STALLED' ? 'red' : 'grey';
  return <Label color={color}>{s.toLowerCase()}</Label>;
}

export function PhaseLabel({ phase }: { phase?: Phase }) {
  const p = phase ?? 'Pending';
  const color =
    p === 'Running' ? 'green' : p === 'Failed' ? 'red' : p === 'Degraded' ? 'orange' : p === 'Paused' ? 'grey' : 'blue';
  return <Label color={color}>{p}</Label>;
}
