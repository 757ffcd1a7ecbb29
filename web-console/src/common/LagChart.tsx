import type { Schemas } from '../api/client';
import { count, seconds } from './format';
import { SeriesChart, span } from './SeriesChart';

/**
 * Lag over the status history: records behind (solid) and how far behind in time (dashed), each
 * drawn against its own peak, which the caption names.
 */
export function LagChart({ series }: { series: Schemas['RatePoint'][] | undefined }) {
  const points = (series ?? []).filter((p) => p.at && p.lagRecords !== undefined && p.lagRecords !== null);
  if (points.length < 2) return <p>Not enough samples yet for a chart of the lag.</p>;
  const times = points.map((p) => Date.parse(p.at!));
  const peakRecords = Math.max(0, ...points.map((p) => p.lagRecords ?? 0));
  const peakSeconds = Math.max(0, ...points.map((p) => p.lagSeconds ?? 0));
  const last = points[points.length - 1];
  return (
    <SeriesChart
      times={times}
      lines={[
        { values: points.map((p) => p.lagRecords ?? 0), top: peakRecords, color: '#0066cc' },
        { values: points.map((p) => p.lagSeconds ?? 0), top: peakSeconds, color: '#c9190b', dashed: true },
      ]}
      label={`Lag: now ${count(last.lagRecords)} records, ${seconds(last.lagSeconds)} behind; peak ${count(peakRecords)} records, ${seconds(peakSeconds)}`}
      caption={
        <>
          Lag over the last {span(times)}: <span style={{ color: '#0066cc' }}>records</span> (solid, peak {count(peakRecords)}),{' '}
          <span style={{ color: '#c9190b' }}>seconds behind</span> (dashed, peak {seconds(peakSeconds)})
        </>
      }
    />
  );
}
