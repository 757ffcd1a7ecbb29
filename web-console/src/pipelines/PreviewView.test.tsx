import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { PreviewResult } from './PreviewView';

const preview: Schemas['PipelinePreview'] = {
  recordsPerTopic: 100,
  complete: true,
  inputs: [
    { topic: 'payments.customers', kind: 'table', records: 2, exists: true },
    { topic: 'payments.payments', kind: 'source', records: 5, exists: true },
  ],
  sinks: [
    {
      name: 'out',
      topic: 'payments.out',
      records: [
        { timestamp: '2026-05-28T20:26:42Z', key: 'c1', value: '{"paymentId":"p1"}', valueBytes: 18, valueTruncated: false },
      ],
    },
    { name: 'audit', topic: 'payments.audit', records: [] },
  ],
  deadLetters: [
    {
      step: 'payments',
      error: 'the value is not valid JSON',
      source: { topic: 'payments.payments', partition: 0, offset: 3 },
      record: { timestamp: '2026-05-28T20:26:41Z', key: 'c2', value: '{oops', valueBytes: 5, valueTruncated: false },
    },
  ],
};

describe('PreviewResult', () => {
  it('shows what each sink would write and what would be dead-lettered', () => {
    render(<PreviewResult preview={preview} />);

    const out = screen.getByRole('grid', { name: 'Records sink out would write' });
    expect(within(out).getByText('{"paymentId":"p1"}')).toBeTruthy();
    expect(screen.getByText('These records would write nothing to this sink.')).toBeTruthy();
    const dead = screen.getByRole('grid', { name: 'Records that would be dead-lettered' });
    expect(within(dead).getByText('the value is not valid JSON')).toBeTruthy();
    expect(within(dead).getByText('payments.payments [0] @ 3')).toBeTruthy();
    expect(screen.getByText(/payments\.customers/).parentElement?.textContent).toContain('(table, 2 read)');
  });

  it('says when nothing would be dead-lettered', () => {
    render(<PreviewResult preview={{ ...preview, deadLetters: [] }} />);

    expect(screen.getByText('No record would be dead-lettered.')).toBeTruthy();
  });
});
