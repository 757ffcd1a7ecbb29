import type { Schemas } from '../api/client';
import { count, seconds } from './format';

const W = 480;
const H = 120;
const PAD = 4;

/**
 * Lag over the status history: records behind (solid) and how far behind in time (dashed), each
 * drawn against its own peak, which the caption names.
 */
export function LagChart({ series }: { series: Schemas['RatePoint'][] | undefined }) {
  const points = (series ?? []).filter((p) => p.at && p.lagRecords !== undefined && p.lagRecords !== null);
  if (points.length < 2) return <p>Not enough samples yet for a chart of the lag.</p>;
  const times = points.map((p) => Date.parse(p.at!));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const peakRecords = Math.max(0, ...points.map((p) => p.lagRecords ?? 0));
  const peakSeconds = Math.max(0, ...points.map((p) => p.lagSeconds ?? 0));
  const x = (t: number) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (W - 2 * PAD);
  const y = (v: number, top: number) => H - PAD - (v / Math.max(top, 1e-9)) * (H - 2 * PAD);
  const line = (pick: (p: Schemas['RatePoint']) => number | undefined, top: number) =>
    points.map((p, i) => `${x(times[i]).toFixed(1)},${y(pick(p) ?? 0, top).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  const minutes = Math.round((t1 - t0) / 60000);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={`Lag: now ${count(last.lagRecords)} records, ${seconds(last.lagSeconds)} behind; peak ${count(peakRecords)} records, ${seconds(peakSeconds)}`}
        style={{ border: '1px solid #d2d2d2', background: '#fff' }}
      >
        <polyline points={line((p) => p.lagRecords, peakRecords)} fill="none" stroke="#0066cc" strokeWidth={2} />
        <polyline
          points={line((p) => p.lagSeconds, peakSeconds)}
          fill="none"
          stroke="#c9190b"
          strokeWidth={2}
          strokeDasharray="5 3"
        />
      </svg>
      <figcaption>
        Lag over the last {minutes < 1 ? 'minute' : `${minutes} min`}: <span style={{ color: '#0066cc' }}>records</span> (solid,
        peak {count(peakRecords)}), <span style={{ color: '#c9190b' }}>seconds behind</span> (dashed, peak {seconds(peakSeconds)})
      </figcaption>
    </figure>
  );
}
