import type { Schemas } from '../api/client';
import { rate } from './format';
import { SeriesChart, span } from './SeriesChart';

/** In and out records per second over the series the status carries, as two lines. */
export function RateChart({ series, title }: { series: Schemas['RatePoint'][] | undefined; title: string }) {
  const points = (series ?? []).filter((p) => p.at);
  if (points.length < 2) return <p>Not enough samples yet for a chart of the rates.</p>;
  const times = points.map((p) => Date.parse(p.at!));
  const top = Math.max(1, ...points.map((p) => Math.max(p.inRecordsPerSecond ?? 0, p.outRecordsPerSecond ?? 0)));
  const last = points[points.length - 1];
  return (
    <SeriesChart
      times={times}
      lines={[
        { values: points.map((p) => p.inRecordsPerSecond ?? 0), top, color: '#0066cc' },
        { values: points.map((p) => p.outRecordsPerSecond ?? 0), top, color: '#3e8635', dashed: true },
      ]}
      label={`${title}: now in ${rate(last.inRecordsPerSecond)}, out ${rate(last.outRecordsPerSecond)}, peak ${rate(top)}`}
      caption={
        <>
          {title} over the last {span(times)}: <span style={{ color: '#0066cc' }}>in</span> (solid),{' '}
          <span style={{ color: '#3e8635' }}>out</span> (dashed); peak {rate(top)}
        </>
      }
    />
  );
}
