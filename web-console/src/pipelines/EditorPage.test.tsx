import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../api/client';
import { EditorPage } from './EditorPage';

// jsdom cannot run Monaco: the editor is a plain text area here.
vi.mock('./YamlEditor', () => ({
  YamlEditor: ({ value, onChange }: { value: string; onChange: (text: string) => void }) => (
    <textarea aria-label="Pipeline document (YAML)" value={value} onChange={(e) => onChange(e.target.value)} />
  ),
}));

const stored = {
  apiVersion: 'tributary.dev/v1alpha1',
  kind: 'Pipeline',
  metadata: { name: 'totals' },
  spec: {
    sources: [{ name: 'payments', topic: 'payments.payments', format: 'json' }],
    steps: [{ name: 'totals', input: 'payments', aggregate: { groupBy: { merchant: 'merchant' } } }],
    sinks: [{ name: 'out', input: 'totals', topic: 'payments.totals' }],
  },
} as Schemas['PipelineDocument'];

const REFUSAL =
  '1 stateful part cannot keep its state: aggregate totals (the group changed). Set spec.upgrade.mode: reset-state';

const refused: Schemas['UpgradePlan'] = {
  pipeline: 'totals',
  fromRevision: 1,
  classification: 'state-incompatible',
  mode: 'keep-state',
  allowed: false,
  refusal: REFUSAL,
  rollout: 'recreate',
  applicationIdBefore: 'payments.totals',
  state: [{ name: 'totals', kind: 'aggregate', stores: ['totals.store'], outcome: 'incompatible', kept: false, reason: 'the group changed' }],
};

function answer(status: number, body: unknown) {
  const ok = status < 300;
  return { data: ok ? body : undefined, error: ok ? undefined : body, response: new Response(null, { status }) };
}

let plan: Schemas['UpgradePlan'];
const planned: { name?: string; body?: unknown }[] = [];
const put = vi.fn();

beforeEach(() => {
  planned.length = 0;
  put.mockReset();
  vi.spyOn(api, 'GET').mockImplementation((async (url: string) => {
    if (url === '/api/v1/me') return answer(200, { name: 'pat', teams: [{ team: 'payments', role: 'team-developer' }] });
    return answer(200, { team: 'payments', name: 'totals', revision: 1, document: stored });
  }) as never);
  vi.spyOn(api, 'POST').mockImplementation((async (url: string, init: { params: { path: { name?: string } }; body: unknown }) => {
    if (url.endsWith('/validate')) {
      return answer(200, { valid: true, name: 'totals', exists: true, plan: { applicationId: 'payments.totals', topics: [] } });
    }
    if (url.endsWith('/plan')) {
      planned.push({ name: init.params.path.name, body: init.body });
      return answer(200, plan);
    }
    return answer(404, { title: 'Not Found' });
  }) as never);
  vi.spyOn(api, 'PUT').mockImplementation((async () => {
    put();
    return answer(200, { team: 'payments', name: 'totals', revision: 2 });
  }) as never);
});

afterEach(() => vi.restoreAllMocks());

function editTotals() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/teams/payments/pipelines/totals/edit']}>
        <Routes>
          <Route path="/teams/:team/pipelines/:name/edit" element={<EditorPage />} />
          <Route path="/teams/:team/pipelines/:name" element={<p>pipeline page</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('EditorPage', () => {
  it('plans the accepted edit and disables Apply with the refusal as its description when the server would refuse it', async () => {
    plan = refused;
    editTotals();

    await screen.findByText('This update would be refused', undefined, { timeout: 3000 });

    expect(planned).toHaveLength(1);
    expect(planned[0].name).toBe('totals');
    expect(planned[0].body).toContain('groupBy:');
    const apply = screen.getByRole('button', { name: 'Apply' });
    expect(apply.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(apply.getAttribute('aria-describedby')!)!.textContent).toBe(REFUSAL);
    fireEvent.click(apply);
    expect(put).not.toHaveBeenCalled();
  });

  it('leaves Apply enabled when the plan allows the update', async () => {
    plan = { ...refused, allowed: true, refusal: undefined, classification: 'stateless-only', state: [] };
    editTotals();

    await screen.findByText('Rollout', undefined, { timeout: 3000 });

    const apply = screen.getByRole('button', { name: 'Apply' });
    expect(apply.getAttribute('aria-disabled')).toBeNull();
    expect(apply.getAttribute('aria-describedby')).toBeNull();
    fireEvent.click(apply);
    await screen.findByText('pipeline page');
    expect(put).toHaveBeenCalledOnce();
  });
});
