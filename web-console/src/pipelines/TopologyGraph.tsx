import type { Schemas } from '../api/client';
import { pipelineGraph } from './graph';

const W = 170;
const H = 46;
const GAP_X = 60;
const GAP_Y = 22;
const FILL = { source: '#e7f1fa', table: '#f3faf2', step: '#ffffff', sink: '#fdf7e7' };

/** The pipeline as a graph: what each step reads, joins with and writes to. */
export function TopologyGraph({ spec }: { spec: Schemas['PipelineSpec'] | undefined }) {
  const { nodes, edges } = pipelineGraph(spec);
  const at = new Map(nodes.map((n) => [n.id, { x: 10 + n.layer * (W + GAP_X), y: 10 + n.row * (H + GAP_Y) }]));
  const width = 20 + (Math.max(0, ...nodes.map((n) => n.layer)) + 1) * (W + GAP_X);
  const height = 20 + (Math.max(0, ...nodes.map((n) => n.row)) + 1) * (H + GAP_Y);
  const label = nodes.map((n) => `${n.kind} ${n.id.replace(/^sink:/, '')}`).join(', ');
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={width} height={height} role="img" aria-label={`Topology: ${label}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#6a6e73" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const a = at.get(e.from)!;
          const b = at.get(e.to)!;
          const x1 = a.x + W;
          const y1 = a.y + H / 2;
          const x2 = b.x;
          const y2 = b.y + H / 2;
          return (
            <path
              key={i}
              d={`M${x1},${y1} C${x1 + GAP_X / 2},${y1} ${x2 - GAP_X / 2},${y2} ${x2},${y2}`}
              fill="none"
              stroke="#6a6e73"
              strokeDasharray={e.join ? '4 3' : undefined}
              markerEnd="url(#arrow)"
            />
          );
        })}
        {nodes.map((n) => {
          const p = at.get(n.id)!;
          return (
            <g key={n.id} transform={`translate(${p.x},${p.y})`}>
              <rect width={W} height={H} rx={6} fill={FILL[n.kind]} stroke="#8a8d90" />
              <text x={8} y={18} fontSize={13} fontWeight={600} fill="#151515">
                {truncate(n.id.replace(/^sink:/, ''), 22)}
              </text>
              <text x={8} y={36} fontSize={11} fill="#4f5255">
                {n.kind === 'step' ? n.detail : `${n.kind}: ${truncate(n.detail, 18)}`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function truncate(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
