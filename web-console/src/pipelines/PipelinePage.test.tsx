import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../api/client';
import { PipelinePage } from './PipelinePage';

const REASON =
  'revision 2 was not Running 30 s after it was written (spec.upgrade.rollbackAfter): phase Degraded; ReplicaFailure: worker 0 exited with code 1';

const status: Schemas['PipelineStatus'] = {
  name: 'totals',
  phase: 'Running',
  deployedRevision: 3,
  applicationId: 'payments.totals',
  automaticRollback: { fromRevision: 2, toRevision: 1, revision: 3, at: '2026-12-06T10:15:00Z', reason: REASON },
};

const revisions: Schemas['Revision'][] = [
  { number: 3, author: 'tributary (automatic rollback)', source: 'automatic', rolledBackFrom: 1, stateGeneration: 1, diff: [] },
  { number: 2, author: 'pat', source: 'console', stateGeneration: 2, diff: [] },
  { number: 1, author: 'pat', source: 'api', stateGeneration: 1 },
];

function answer(body: unknown) {
  return { data: body, response: new Response(null, { status: 200 }) };
}

let rollbackAfterOfRevision2: string | undefined;
let currentRevision = 3;

beforeEach(() => {
  vi.spyOn(api, 'GET').mockImplementation((async (url: string, init?: { params: { path: { revision?: number } } }) => {
    switch (url) {
      case '/api/v1/me':
        return answer({ name: 'pat', teams: [{ team: 'payments', role: 'team-viewer' }] });
      case '/api/v1/teams/{team}/pipelines/{name}':
        return answer({ team: 'payments', name: 'totals', revision: currentRevision, state: 'active', document: { spec: {} } });
      case '/api/v1/teams/{team}/pipelines/{name}/status':
        return answer(status);
      case '/api/v1/teams/{team}/pipelines/{name}/revisions':
        return answer({ items: revisions });
      case '/api/v1/teams/{team}/pipelines/{name}/revisions/{revision}': {
        const number = init!.params.path.revision!;
        const upgrade = number === 2 && rollbackAfterOfRevision2 ? { rollbackAfter: rollbackAfterOfRevision2 } : undefined;
        return answer({ number, document: { metadata: { name: 'totals' }, spec: { upgrade } } });
      }
      default:
        return { error: { title: 'Not Found' }, response: new Response(null, { status: 404 }) };
    }
  }) as never);
});

afterEach(() => {
  vi.restoreAllMocks();
  currentRevision = 3;
});

function pageOfTotals() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/teams/payments/pipelines/totals']}>
        <Routes>
          <Route path="/teams/:team/pipelines/:name" element={<PipelinePage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('PipelinePage', () => {
  it("warns of the last automatic rollback with the failing revision's rollbackAfter, its reason and time", async () => {
    rollbackAfterOfRevision2 = '30s';
    pageOfTotals();

    const title = await screen.findByText(
      'Revision 2 did not become Running within 30s and was rolled back automatically to revision 1',
    );
    const alert = title.closest('.pf-v6-c-alert')!;
    expect(alert.classList).toContain('pf-m-warning');
    expect(alert.textContent).toContain(REASON);
    expect(alert.textContent).toContain(new Date('2026-12-06T10:15:00Z').toLocaleString('en-GB'));
  });

  it('names the default rollbackAfter when the failing revision sets none', async () => {
    rollbackAfterOfRevision2 = undefined;
    pageOfTotals();

    expect(
      await screen.findByText(
        'Revision 2 did not become Running within 5m (the default) and was rolled back automatically to revision 1',
      ),
    ).toBeTruthy();
  });

  it('does not warn of a rollback once a later revision was written', async () => {
    rollbackAfterOfRevision2 = '30s';
    currentRevision = 4;
    pageOfTotals();

    await screen.findByText('Application id');
    expect(screen.queryByText(/was rolled back automatically/)).toBeNull();
  });

  it('shows the application id the workers run under next to the deployed revision', async () => {
    pageOfTotals();

    const term = await screen.findByText('Application id');
    expect(term.closest('.pf-v6-c-description-list__group')!.querySelector('dd')!.textContent).toBe('payments.totals');
    const terms = [...document.querySelectorAll('dt')].map((t) => t.textContent);
    expect(terms.indexOf('Application id')).toBe(terms.indexOf('Deployed revision') + 1);
  });

  it("lists each revision's state generation and marks the automatic rollback's source", async () => {
    pageOfTotals();

    fireEvent.click(await screen.findByRole('tab', { name: 'Revisions' }));

    const table = await screen.findByRole('grid', { name: 'Revisions' });
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(cells.map((c) => [c[0], c[2], c[3]])).toEqual([
      ['3 (current) (rollback to 1)', 'automatic rollback', '1'],
      ['2', 'console', '2'],
      ['1', 'api', '1'],
    ]);
  });
});
