import type { ReactNode } from 'react';

const W = 480;
const H = 120;
const PAD = 4;

export interface ChartLine {
  values: number[];
  /** The value drawn at the top of the chart. */
  top: number;
  color: string;
  dashed?: boolean;
}

/** Lines over time in a small SVG chart, each scaled to its own top; times in epoch milliseconds. */
export function SeriesChart({
  times,
  lines,
  label,
  caption,
}: {
  times: number[];
  lines: ChartLine[];
  label: string;
  caption: ReactNode;
}) {
  return (
    <figure style={{ margin: 0 }}>
      <svg width={W} height={H} role="img" aria-label={label} style={{ border: '1px solid #d2d2d2', background: '#fff' }}>
        {lines.map((l, k) => (
          <polyline
            key={k}
            points={polyline(times, l.values, l.top, W, H, PAD)}
            fill="none"
            stroke={l.color}
            strokeWidth={2}
            strokeDasharray={l.dashed ? '5 3' : undefined}
          />
        ))}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** SVG polyline points of values over times in a box of width × height with a padding. */
export function polyline(times: number[], values: number[], top: number, width: number, height: number, pad: number): string {
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (width - 2 * pad);
  const y = (v: number) => height - pad - (v / Math.max(top, 1e-9)) * (height - 2 * pad);
  return values.map((v, i) => `${x(times[i]).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}

/** "minute" or "N min": how long the times span. */
export function span(times: number[]): string {
  const minutes = Math.round((Math.max(...times) - Math.min(...times)) / 60000);
  return minutes < 1 ? 'minute' : `${minutes} min`;
}
