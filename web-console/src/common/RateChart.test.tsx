import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RateChart } from './RateChart';

describe('RateChart', () => {
  it('draws in and out rates and names the latest values for screen readers', () => {
    render(
      <RateChart
        title="Throughput"
        series={[
          { at: '2026-01-01T00:00:00Z', inRecordsPerSecond: 10, outRecordsPerSecond: 5 },
          { at: '2026-01-01T00:05:00Z', inRecordsPerSecond: 40, outRecordsPerSecond: 20 },
        ]}
      />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Throughput: now in 40/s, out 20/s, peak 40/s');
    expect(screen.getByText(/over the last 5 min/)).toBeTruthy();
  });

  it('says so when there are too few samples to draw', () => {
    render(<RateChart title="Throughput" series={[{ at: '2026-01-01T00:00:00Z', inRecordsPerSecond: 1 }]} />);
    expect(screen.getByText(/Not enough samples/)).toBeTruthy();
  });
});
