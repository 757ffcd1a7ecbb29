import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LagChart } from './LagChart';

describe('LagChart', () => {
  it('draws records and seconds behind and names the latest and peak values for screen readers', () => {
    render(
      <LagChart
        series={[
          { at: '2026-01-01T00:00:00Z', inRecordsPerSecond: 10, outRecordsPerSecond: 5, lagRecords: 1200, lagSeconds: 90 },
          { at: '2026-01-01T00:05:00Z', inRecordsPerSecond: 40, outRecordsPerSecond: 20, lagRecords: 300, lagSeconds: 4.5 },
          { at: '2026-01-01T00:10:00Z', inRecordsPerSecond: 40, outRecordsPerSecond: 40, lagRecords: 0, lagSeconds: 0 },
        ]}
      />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Lag: now 0 records, 0.0 s behind; peak 1,200 records, 1.5 min',
    );
    expect(screen.getByText(/over the last 10 min/)).toBeTruthy();
    const [records, behind] = Array.from(document.querySelectorAll('polyline')).map((l) => l.getAttribute('points'));
    // Each line is drawn against its own peak: both start at the top and end at the bottom.
    expect(records).toBe('4.0,4.0 240.0,88.0 476.0,116.0');
    expect(behind).toBe('4.0,4.0 240.0,110.4 476.0,116.0');
  });

  it('leaves out points without a lag, and says so when too few remain to draw', () => {
    render(
      <LagChart
        series={[
          { at: '2026-01-01T00:00:00Z', inRecordsPerSecond: 1, outRecordsPerSecond: 1 },
          { at: '2026-01-01T00:00:10Z', inRecordsPerSecond: 1, outRecordsPerSecond: 1, lagRecords: 5, lagSeconds: 1 },
        ]}
      />,
    );
    expect(screen.getByText(/Not enough samples yet for a chart of the lag/)).toBeTruthy();
  });
});
