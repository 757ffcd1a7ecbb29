import type { Schemas } from '../api/client';
import { rate } from './format';

const W = 480;
const H = 120;
const PAD = 4;

/** In and out records per second over the series the status carries, as two lines. */
export function RateChart({ series, title }: { series: Schemas['RatePoint'][] | undefined; title: string }) {
  const points = (series ?? []).filter((p) => p.at);
  if (points.length < 2) return <p>Not enough samples yet for a chart of the rates.</p>;
  const times = points.map((p) => Date.parse(p.at!));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = Math.max(1, ...points.map((p) => Math.max(p.inRecordsPerSecond ?? 0, p.outRecordsPerSecond ?? 0)));
  const x = (t: number) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD - (v / top) * (H - 2 * PAD);
  const line = (pick: (p: Schemas['RatePoint']) => number | undefined) =>
    points.map((p, i) => `${x(times[i]).toFixed(1)},${y(pick(p) ?? 0).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  const minutes = Math.round((t1 - t0) / 60000);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={`${title}: now in ${rate(last.inRecordsPerSecond)}, out ${rate(last.outRecordsPerSecond)}, peak ${rate(top)}`}
        style={{ border: '1px solid #d2d2d2', background: '#fff' }}
      >
        <polyline points={line((p) => p.inRecordsPerSecond)} fill="none" stroke="#0066cc" strokeWidth={2} />
        <polyline points={line((p) => p.outRecordsPerSecond)} fill="none" stroke="#3e8635" strokeWidth={2} strokeDasharray="5 3" />
      </svg>
      <figcaption>
        {title} over the last {minutes < 1 ? 'minute' : `${minutes} min`}: <span style={{ color: '#0066cc' }}>in</span> (solid),{' '}
        <span style={{ color: '#3e8635' }}>out</span> (dashed); peak {rate(top)}
      </figcaption>
    </figure>
  );
}
