import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProblemError, type Schemas } from '../api/client';
import { DeadLetters } from './DeadLettersView';

const list: Schemas['DeadLetters'] = {
  topic: 'payments.large-payments.dead-letter',
  complete: true,
  records: [
    {
      timestamp: '2026-05-28T20:26:42Z',
      partition: 1,
      offset: 7,
      key: 'p-3',
      step: 'parse',
      error: 'field \'amount\' is not a double: "z"',
      source: { topic: 'payments.payments', partition: 0, offset: 6 },
      payload: '{"amount":"z"}',
      payloadBytes: 14,
      payloadTruncated: false,
    },
  ],
};

describe('DeadLetters', () => {
  it('lists each dead letter with its step, error and source, and shows the payload when expanded', () => {
    render(<DeadLetters state={{ data: list, error: null, isPending: false }} />);

    expect(screen.getByText('parse')).toBeTruthy();
    expect(screen.getByText('field \'amount\' is not a double: "z"')).toBeTruthy();
    expect(screen.getByText(/payments\.payments \[0\] @ 6/)).toBeTruthy();
    const toggle = screen.getByRole('button', { name: /details/i });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(toggle);

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByLabelText('Payload of the record at offset 7').textContent).toBe('{\n  "amount": "z"\n}');
  });

  it('says so when there are none', () => {
    render(<DeadLetters state={{ data: { ...list, records: [] }, error: null, isPending: false }} />);

    expect(screen.getByText('No dead letters')).toBeTruthy();
  });

  it('shows the problem when Kafka cannot be read', () => {
    const error = new ProblemError(503, {
      type: 'https://tributary.dev/problems/kafka-unavailable',
      title: 'Kafka unavailable',
      status: 503,
      detail: 'Kafka did not answer within 5 s; retry later',
    });

    render(<DeadLetters state={{ data: undefined, error, isPending: false }} />);

    expect(screen.getByRole('alert').textContent).toContain('Kafka did not answer within 5 s; retry later');
  });
});
