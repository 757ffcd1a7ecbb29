import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { PipelineTable, type PipelineRow } from './PipelineTable';

const rows: PipelineRow[] = [
  {
    team: 'payments',
    status: {
      name: 'calm',
      phase: 'Running',
      lag: { status: 'OK', totalRecords: 5 },
      throughput: {
        inRecordsPerSecond: 30,
        series: [
          { at: '2026-12-06T10:00:00Z', inRecordsPerSecond: 10, outRecordsPerSecond: 10 },
          { at: '2026-12-06T10:07:00Z', inRecordsPerSecond: 50, outRecordsPerSecond: 50 },
          { at: '2026-12-06T10:15:00Z', inRecordsPerSecond: 30, outRecordsPerSecond: 30 },
        ],
      },
    },
  },
  { team: 'logistics', status: { name: 'behind', phase: 'Running', lag: { status: 'GROWING', totalRecords: 900 } } },
  { team: 'payments', status: { name: 'stuck', phase: 'Degraded', lag: { status: 'STALLED', totalRecords: 40 } } },
  { team: 'logistics', status: { name: 'resting', phase: 'Paused', lag: { status: 'STOPPED' } } },
];

function names() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('link').at(-1)!.textContent);
}

function table(showTeam = true) {
  render(
    <MemoryRouter>
      <PipelineTable rows={rows} showTeam={showTeam} />
    </MemoryRouter>,
  );
}

describe('PipelineTable', () => {
  it('lists the worst pipelines first: stalled, then growing, then stopped, then healthy', () => {
    table();
    expect(names()).toEqual(['stuck', 'behind', 'resting', 'calm']);
  });

  it('filters by team, name, phase or lag health', () => {
    table();
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter pipelines' }), { target: { value: 'paused' } });
    expect(names()).toEqual(['resting']);
    expect(screen.getByText('1 of 4 pipelines')).toBeTruthy();
  });

  it('says so when no pipeline matches the filter', () => {
    table();
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter pipelines' }), { target: { value: 'nothing' } });
    expect(screen.getByText('No pipeline matches the filter')).toBeTruthy();
  });

  it('sorts by a column when its header is pressed, and reverses on the second press', () => {
    table();
    fireEvent.click(screen.getByRole('button', { name: 'Lag (records)' }));
    expect(names()).toEqual(['resting', 'calm', 'stuck', 'behind']);
    fireEvent.click(screen.getByRole('button', { name: 'Lag (records)' }));
    expect(names()).toEqual(['behind', 'stuck', 'calm', 'resting']);
  });

  it("draws each pipeline's recent in rate as a sparkline, and a dash without history", () => {
    table();
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('In over the last 15 min: from 10/s to 30/s, peak 50/s');
    const resting = screen.getAllByRole('row').find((r) => within(r).queryByRole('link', { name: 'resting' }))!;
    expect(within(resting).getAllByRole('cell').at(-2)!.textContent).toBe('—');
  });

  it('links each pipeline to its page under its team', () => {
    table(false);
    expect(screen.getByRole('link', { name: 'stuck' }).getAttribute('href')).toBe('/teams/payments/pipelines/stuck');
  });
});
