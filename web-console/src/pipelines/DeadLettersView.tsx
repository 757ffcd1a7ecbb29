import { Button, Flex, FlexItem } from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { bytes, when } from '../common/format';
import { Empty, Loading, ProblemAlert } from '../common/states';

/** How many dead letters the tab asks for: the API's default. */
const LATEST = 20;

/** The latest records a pipeline dead-lettered, read from its dead-letter topic when the tab opens. */
export function DeadLettersView({ team, name }: { team: string; name: string }) {
  const deadLetters = useQuery({
    queryKey: ['dead-letters', team, name],
    // each read is a short-lived Kafka consumer: on opening the tab and on request, not on a timer
    staleTime: Infinity,
    queryFn: async () =>
      unwrap<Schemas['DeadLetters']>(
        await api.GET('/api/v1/teams/{team}/pipelines/{name}/dead-letters', {
          params: { path: { team, name }, query: { limit: LATEST } },
        }),
      ),
  });
  return (
    <DeadLetters
      state={deadLetters}
      onRefresh={() => void deadLetters.refetch()}
      refreshing={deadLetters.isFetching}
    />
  );
}

export function DeadLetters({
  state,
  onRefresh,
  refreshing = false,
}: {
  state: { data?: Schemas['DeadLetters']; error: unknown; isPending: boolean };
  onRefresh?: () => void;
  refreshing?: boolean;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const header = (
    <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
      <FlexItem>
        {state.data ? (
          <p>
            The latest {LATEST} from <code>{state.data.topic}</code>, newest first.
            {!state.data.complete && ' Kafka did not return all of them in time; these are the ones read.'}
          </p>
        ) : (
          <p>The latest {LATEST} records the pipeline's steps failed on.</p>
        )}
      </FlexItem>
      {onRefresh && (
        <FlexItem>
          <Button variant="secondary" onClick={onRefresh} isLoading={refreshing} isDisabled={refreshing}>
            Refresh
          </Button>
        </FlexItem>
      )}
    </Flex>
  );

  if (state.isPending) return <Loading what="dead letters" />;
  if (state.error)
    return (
      <>
        {header}
        <ProblemAlert error={state.error} title="The dead letters could not be read" />
      </>
    );
  const records = state.data?.records ?? [];
  if (records.length === 0)
    return (
      <>
        {header}
        <Empty title="No dead letters">Every record the pipeline read so far went through its steps.</Empty>
      </>
    );
  return (
    <>
      {header}
      <Table aria-label="Dead letters" variant="compact">
        <Thead>
          <Tr>
            <Th screenReaderText="Show the payload" />
            <Th>Time</Th>
            <Th>Step</Th>
            <Th>Error</Th>
            <Th>Source</Th>
            <Th>Key</Th>
          </Tr>
        </Thead>
        {records.map((record, rowIndex) => {
          const id = `${record.partition}-${record.offset}`;
          const isExpanded = open.has(id);
          return (
            <Tbody key={id} isExpanded={isExpanded}>
              <Tr>
                <Td
                  expand={{
                    rowIndex,
                    isExpanded,
                    onToggle: () => toggle(id),
                    expandId: `dead-letter-${id}`,
                  }}
                />
                <Td dataLabel="Time">{when(record.timestamp)}</Td>
                <Td dataLabel="Step">{record.step ?? '—'}</Td>
                <Td dataLabel="Error">{record.error ?? '—'}</Td>
                <Td dataLabel="Source">
                  {record.source ? (
                    <code>
                      {record.source.topic}
                      {record.source.partition !== undefined && ` [${record.source.partition}]`}
                      {record.source.offset !== undefined && ` @ ${record.source.offset}`}
                    </code>
                  ) : (
                    '—'
                  )}
                </Td>
                <Td dataLabel="Key">{record.key ?? '—'}</Td>
              </Tr>
              <Tr isExpanded={isExpanded}>
                <Td colSpan={6}>
                  <ExpandableRowContent>
                    {record.payload === undefined || record.payload === null ? (
                      <p>The record had no value.</p>
                    ) : (
                      <>
                        <p>
                          Payload, {bytes(record.payloadBytes)}
                          {record.payloadTruncated && ', cut for the preview'}:
                        </p>
                        <pre className="tributary-code" tabIndex={0} aria-label={`Payload of the record at offset ${record.offset}`}>
                          {pretty(record.payload)}
                        </pre>
                      </>
                    )}
                  </ExpandableRowContent>
                </Td>
              </Tr>
            </Tbody>
          );
        })}
      </Table>
    </>
  );
}

/** JSON indented for reading; anything else as it came. */
function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
