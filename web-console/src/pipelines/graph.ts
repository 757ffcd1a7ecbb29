import type { Schemas } from '../api/client';

export interface GraphNode {
  id: string;
  kind: 'source' | 'table' | 'step' | 'sink';
  detail: string;
  layer: number;
  row: number;
}
export interface GraphEdge {
  from: string;
  to: string;
  join?: boolean;
}

/** A branch's outputs are named step.branch; their node is the step. */
function owner(input: string, steps: Set<string>): string {
  if (steps.has(input)) return input;
  const dot = input.lastIndexOf('.');
  return dot > 0 && steps.has(input.slice(0, dot)) ? input.slice(0, dot) : input;
}

function stepKind(s: Schemas['StepSpec']): string {
  return s.filter
    ? 'filter'
    : s.select
      ? 'select'
      : s.explode
        ? 'explode'
        : s.rekey
          ? 'rekey'
          : s.branch
            ? 'branch'
            : s.deduplicate
              ? 'deduplicate'
              : s.aggregate
                ? 'aggregate'
                : s.join
                  ? 'join'
                  : 'step';
}

/** The pipeline's data flow, sources on the left and sinks on the right, one layer per hop. */
export function pipelineGraph(spec: Schemas['PipelineSpec'] | undefined): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, Omit<GraphNode, 'layer' | 'row'>>();
  const edges: GraphEdge[] = [];
  const stepNames = new Set((spec?.steps ?? []).map((s) => s.name!));
  for (const s of spec?.sources ?? []) nodes.set(s.name!, { id: s.name!, kind: 'source', detail: s.topic ?? '' });
  for (const t of spec?.tables ?? []) nodes.set(t.name!, { id: t.name!, kind: 'table', detail: t.topic ?? '' });
  for (const s of spec?.steps ?? []) {
    nodes.set(s.name!, { id: s.name!, kind: 'step', detail: stepKind(s) });
    if (s.input) edges.push({ from: owner(s.input, stepNames), to: s.name! });
    if (s.join?.with) edges.push({ from: owner(s.join.with, stepNames), to: s.name!, join: true });
  }
  for (const k of spec?.sinks ?? []) {
    const id = `sink:${k.name}`;
    nodes.set(id, { id, kind: 'sink', detail: k.topic ?? '' });
    if (k.input) edges.push({ from: owner(k.input, stepNames), to: id });
  }
  const known = edges.filter((e) => nodes.has(e.from) && nodes.has(e.to));
  const layer = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    if (layer.has(id)) return layer.get(id)!;
    if (seen.has(id)) return 0;
    seen.add(id);
    const inputs = known.filter((e) => e.to === id);
    const d = inputs.length === 0 ? 0 : 1 + Math.max(...inputs.map((e) => depth(e.from, seen)));
    layer.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const laid: GraphNode[] = [...nodes.values()].map((n) => {
    const l = depth(n.id, new Set());
    const row = rows.get(l) ?? 0;
    rows.set(l, row + 1);
    return { ...n, layer: l, row };
  });
  return { nodes: laid, edges: known };
}
