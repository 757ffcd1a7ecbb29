import { Alert, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Schemas } from '../api/client';
import { when } from '../common/format';

type Preview = Schemas['PipelinePreview'];
type PreviewRecord = Schemas['PreviewRecord'];

/** What a document would write, run on the latest records of its topics (`POST …/preview`). */
export function PreviewResult({ preview }: { preview: Preview }) {
  const inputs = preview.inputs ?? [];
  const sinks = preview.sinks ?? [];
  const deadLetters = preview.deadLetters ?? [];
  return (
    <section aria-label="Preview" className="tributary-preview">
      <Title headingLevel="h2">Preview</Title>
      <p>
        Ran on the latest {preview.recordsPerTopic} records of each input:{' '}
        {inputs.map((input, i) => (
          <span key={input.topic}>
            {i > 0 && ', '}
            <code>{input.topic}</code> ({input.kind}, {input.exists ? `${input.records} read` : 'no such topic'})
          </span>
        ))}
        . Nothing was written.
      </p>
      {!preview.complete && (
        <Alert variant="warning" isInline isPlain title="Kafka did not return every record in time; the preview ran on those read." />
      )}
      {sinks.map((sink) => (
        <div key={sink.name}>
          <Title headingLevel="h3">
            Sink {sink.name} → <code>{sink.topic}</code>: {count(sink.records?.length ?? 0)}
          </Title>
          {(sink.records ?? []).length === 0 ? (
            <p>These records would write nothing to this sink.</p>
          ) : (
            <RecordTable label={`Records sink ${sink.name} would write`} records={sink.records ?? []} />
          )}
        </div>
      ))}
      <Title headingLevel="h3">Dead-lettered: {count(deadLetters.length)}</Title>
      {deadLetters.length === 0 ? (
        <p>No record would be dead-lettered.</p>
      ) : (
        <Table aria-label="Records that would be dead-lettered" variant="compact">
          <Thead>
            <Tr>
              <Th>Step</Th>
              <Th>Error</Th>
              <Th>Source</Th>
              <Th>Value</Th>
            </Tr>
          </Thead>
          <Tbody>
            {deadLetters.map((dead, i) => (
              <Tr key={i}>
                <Td dataLabel="Step">{dead.step ?? '—'}</Td>
                <Td dataLabel="Error">{dead.error ?? '—'}</Td>
                <Td dataLabel="Source">
                  {dead.source ? (
                    <code>
                      {dead.source.topic}
                      {dead.source.partition !== undefined && dead.source.partition !== null && ` [${dead.source.partition}]`}
                      {dead.source.offset !== undefined && dead.source.offset !== null && ` @ ${dead.source.offset}`}
                    </code>
                  ) : (
                    '—'
                  )}
                </Td>
                <Td dataLabel="Value">
                  <code>{dead.record?.value ?? '(no value)'}</code>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}

function RecordTable({ label, records }: { label: string; records: PreviewRecord[] }) {
  return (
    <Table aria-label={label} variant="compact">
      <Thead>
        <Tr>
          <Th>Time</Th>
          <Th>Key</Th>
          <Th>Value</Th>
        </Tr>
      </Thead>
      <Tbody>
        {records.map((record, i) => (
          <Tr key={i}>
            <Td dataLabel="Time">{when(record.timestamp)}</Td>
            <Td dataLabel="Key">{record.key ?? '—'}</Td>
            <Td dataLabel="Value">
              <code>{record.value ?? '(no value)'}</code>
              {record.valueTruncated && ' …'}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function count(n: number): string {
  return `${n} record${n === 1 ? '' : 's'}`;
}
