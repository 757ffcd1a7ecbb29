import type { Schemas } from '../api/client';
import { rate } from './format';
import { polyline, span } from './SeriesChart';

const W = 90;
const H = 24;

/** The in rate over a pipeline's recent history, small enough for a table cell. */
export function Sparkline({ series }: { series: Schemas['RatePoint'][] | undefined }) {
  const points = (series ?? []).filter((p) => p.at);
  if (points.length < 2) return <span>—</span>;
  const times = points.map((p) => Date.parse(p.at!));
  const values = points.map((p) => p.inRecordsPerSecond ?? 0);
  const top = Math.max(1, ...values);
  return (
    <svg
      width={W}
      height={H}
      role="img"
      aria-label={`In over the last ${span(times)}: from ${rate(values[0])} to ${rate(values[values.length - 1])}, peak ${rate(top)}`}
    >
      <polyline points={polyline(times, values, top, W, H, 2)} fill="none" stroke="#0066cc" strokeWidth={1.5} />
    </svg>
  );
}
