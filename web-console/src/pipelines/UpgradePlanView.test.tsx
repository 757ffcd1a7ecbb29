import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProblemError, type Schemas } from '../api/client';
import { UpgradePlanView } from './UpgradePlanView';

const keepState: Schemas['UpgradePlan'] = {
  pipeline: 'totals',
  fromRevision: 1,
  classification: 'state-compatible',
  mode: 'keep-state',
  allowed: true,
  rollout: 'recreate',
  applicationIdBefore: 'payments.totals',
  applicationIdAfter: 'payments.totals',
  state: [
    {
      name: 'totals',
      kind: 'aggregate',
      stores: ['totals.store'],
      outcome: 'extended',
      kept: true,
      reason: 'aggregate largest added: the stored states are read forward',
    },
  ],
  diff: [{ op: 'add', path: '/spec/steps/0/aggregate/aggregates/largest', value: { fn: 'max', of: 'amount' } }],
};

const resetState: Schemas['UpgradePlan'] = {
  pipeline: 'totals',
  fromRevision: 1,
  classification: 'state-incompatible',
  mode: 'reset-state',
  allowed: true,
  rollout: 'recreate',
  applicationIdBefore: 'payments.totals',
  applicationIdAfter: 'payments.totals.2',
  startingOffsets: [
    { topic: 'payments.payments', partition: 0, offset: 1200, origin: 'committed by payments.totals' },
    { topic: 'payments.payments', partition: 1, offset: 0, origin: 'earliest: payments.totals committed no offset here' },
    { topic: 'payments.refunds', partition: -1, offset: 0, origin: 'earliest' },
  ],
  state: [
    {
      name: 'totals',
      kind: 'aggregate',
      stores: ['totals.store'],
      outcome: 'incompatible',
      kept: false,
      reason: 'reset-state: its stores start empty under the new application id payments.totals.2',
    },
  ],
  diff: [],
};

function shown(plan: Partial<{ data: Schemas['UpgradePlan']; error: unknown; isPending: boolean }>) {
  render(<UpgradePlanView plan={{ error: null, isPending: false, ...plan }} />);
  return screen.getByRole('region', { name: 'What this update does' });
}

/** The text of each cell, row by row, without the header. */
function rows(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
}

/** The description of a term in the plan's description list. */
function fact(region: HTMLElement, term: string) {
  return within(region).getByText(term).closest('.pf-v6-c-description-list__group')!.querySelector('dd')!.textContent;
}

describe('UpgradePlanView', () => {
  it('shows an allowed keep-state update: its change, mode, rollout, the same application id and every stateful part kept', () => {
    const region = shown({ data: keepState });

    expect(fact(region, 'Change')).toContain('state-compatible');
    expect(fact(region, 'Mode')).toContain('keep-state');
    expect(fact(region, 'Rollout')).toBe('recreate: every running worker stops before the new ones start');
    expect(fact(region, 'Application id')).toBe('payments.totals, unchanged');
    expect(within(region).queryByText('a new generation of the state')).toBeNull();
    expect(rows(within(region).getByRole('grid', { name: 'State of the stateful parts' }))).toEqual([
      ['totals', 'aggregate', 'totals.store', 'extended', 'kept', 'aggregate largest added: the stored states are read forward'],
    ]);
    expect(within(region).queryByRole('grid', { name: 'Starting offsets of the new consumer group' })).toBeNull();
    expect(within(region).queryByRole('alert')).toBeNull();
  });

  it('shows a reset-state update: the new generation of the state, the parts reset and where the new group starts', () => {
    const region = shown({ data: resetState });

    expect(fact(region, 'Application id')).toBe('payments.totals → payments.totals.2 a new generation of the state');
    expect(rows(within(region).getByRole('grid', { name: 'State of the stateful parts' }))[0][4]).toBe('reset');
    expect(rows(within(region).getByRole('grid', { name: 'Starting offsets of the new consumer group' }))).toEqual([
      ['payments.payments', '0', '1,200', 'committed by payments.totals'],
      ['payments.payments', '1', '0', 'earliest: payments.totals committed no offset here'],
      ['payments.refunds', 'every (a topic the update creates)', '0', 'earliest'],
    ]);
  });

  it('shows the refusal of an update the server would refuse, under the id the Apply button points at', () => {
    const region = shown({
      data: {
        ...resetState,
        mode: 'keep-state',
        allowed: false,
        refusal: '1 stateful part cannot keep its state: aggregate totals',
        applicationIdAfter: undefined,
        startingOffsets: undefined,
      },
    });

    const alert = within(region).getByText('This update would be refused').closest('.pf-v6-c-alert')!;
    expect(alert.classList).toContain('pf-m-danger');
    expect(document.getElementById('upgrade-plan-refusal')!.textContent).toBe(
      '1 stateful part cannot keep its state: aggregate totals',
    );
  });

  it("shows a 503 problem's detail in a warning, not the plan", () => {
    const error = new ProblemError(503, {
      type: 'https://tributary.dev/problems/deploy-target-unavailable',
      title: 'Deploy target unavailable',
      status: 503,
      detail: 'Kafka did not answer within 10 s: the starting offsets cannot be read',
    });

    const region = shown({ error });

    const alert = within(region).getByText(/the deploy target did not answer/).closest('.pf-v6-c-alert')!;
    expect(alert.classList).toContain('pf-m-warning');
    expect(alert.textContent).toContain('Kafka did not answer within 10 s: the starting offsets cannot be read');
    expect(within(region).queryByRole('grid')).toBeNull();
  });

  it('says that applying creates the pipeline when none of its name is in force', () => {
    const region = shown({
      data: { pipeline: 'totals', classification: 'create', mode: 'keep-state', allowed: true, applicationIdAfter: 'payments.totals' },
    });

    expect(region.textContent).toContain('Applying creates the pipeline totals');
    expect(within(region).queryByText('Change')).toBeNull();
  });
});
