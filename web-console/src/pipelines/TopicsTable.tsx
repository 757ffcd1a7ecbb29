import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Schemas } from '../api/client';

/** The topics a pipeline uses, with their role and the partitions it asks for. */
export function TopicsTable({ topics, label }: { topics: Schemas['TopicPlan'][] | undefined; label: string }) {
  return (
    <Table aria-label={label} variant="compact">
      <Thead>
        <Tr>
          <Th>Topic</Th>
          <Th>Role</Th>
          <Th>Partitions</Th>
        </Tr>
      </Thead>
      <Tbody>
        {(topics ?? []).map((t) => (
          <Tr key={`${t.role}/${t.name}`}>
            <Td dataLabel="Topic">{t.name}</Td>
            <Td dataLabel="Role">{(t.role ?? '').toLowerCase().replace('_', '-')}</Td>
            <Td dataLabel="Partitions">{t.partitions ?? "the team's default"}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
