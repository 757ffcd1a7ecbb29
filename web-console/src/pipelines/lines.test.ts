import { describe, expect, it } from 'vitest';
import { sideBySide } from './diff';
import { pipelineGraph } from './graph';
import { lineOf, syntaxErrors } from './lines';

const doc = `apiVersion: tributary.dev/v1alpha1
kind: Pipeline
metadata:
  name: p
spec:
  sources:
    - name: in
      topic: payments.in
  steps:
    - name: big
      input: in
      filter: amout > 1
    - name: routed
      input: big
      branch:
        - {name: a, when: "true"}
  sinks:
    - {name: out, input: routed.a, topic: payments.out}
`;

describe('lineOf', () => {
  it('finds the line of a server error path', () => {
    expect(lineOf(doc, 'spec.steps[0].filter')).toBe(12);
    expect(lineOf(doc, 'spec.sinks[0].topic')).toBe(18);
  });
  it('points at the nearest existing parent of a path the text lacks', () => {
    expect(lineOf(doc, 'spec.steps[1].join.with')).toBe(13);
  });
});

describe('syntaxErrors', () => {
  it('reports a YAML syntax error at its line', () => {
    expect(syntaxErrors('a: 1\nb: [\n')[0].line).toBeGreaterThanOrEqual(2);
  });
});

describe('pipelineGraph', () => {
  it('draws sources left of steps and sinks, a branch output from its step', () => {
    const { nodes, edges } = pipelineGraph({
      sources: [{ name: 'in', topic: 'payments.in' }],
      steps: [
        { name: 'big', input: 'in', filter: 'x' },
        { name: 'routed', input: 'big', branch: [{ name: 'a', when: 'true' }] },
      ],
      sinks: [{ name: 'out', input: 'routed.a', topic: 'payments.out' }],
    });
    expect(nodes.map((n) => [n.id, n.layer])).toEqual([
      ['in', 0],
      ['big', 1],
      ['routed', 2],
      ['sink:out', 3],
    ]);
    expect(edges).toContainEqual({ from: 'routed', to: 'sink:out' });
  });
});

describe('sideBySide', () => {
  it('pairs changed lines and keeps equal ones aligned', () => {
    expect(sideBySide('a\nb\nc', 'a\nB\nc\nd').map((l) => l.change)).toEqual(['same', 'changed', 'same', 'added']);
  });
});
