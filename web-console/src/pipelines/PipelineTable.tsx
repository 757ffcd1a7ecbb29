import { SearchInput, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Schemas } from '../api/client';
import { count, rate, seconds } from '../common/format';
import { LAG_SEVERITY, LagLabel, PHASE_SEVERITY, PhaseLabel } from '../common/health';
import { Sparkline } from '../common/Sparkline';
import { Empty } from '../common/states';

export interface PipelineRow {
  team: string;
  status: Schemas['PipelineStatus'];
}

type Column = { title: string; value: (r: PipelineRow) => string | number };

const COLUMNS: Column[] = [
  { title: 'Team', value: (r) => r.team },
  { title: 'Pipeline', value: (r) => r.status.name ?? '' },
  { title: 'Phase', value: (r) => PHASE_SEVERITY[r.status.phase ?? 'Pending'] },
  { title: 'Replicas', value: (r) => r.status.replicas?.ready ?? 0 },
  { title: 'Lag health', value: (r) => LAG_SEVERITY[r.status.lag?.status ?? 'UNKNOWN'] },
  { title: 'Lag (records)', value: (r) => r.status.lag?.totalRecords ?? r.status.lagRecords ?? 0 },
  { title: 'Lag (time)', value: (r) => r.status.lag?.lagSeconds ?? 0 },
  { title: 'In', value: (r) => r.status.throughput?.inRecordsPerSecond ?? 0 },
  { title: 'Out', value: (r) => r.status.throughput?.outRecordsPerSecond ?? 0 },
  { title: 'Recent in', value: (r) => r.status.throughput?.inRecordsPerSecond ?? 0 },
  { title: 'Restarts', value: (r) => r.status.restarts ?? 0 },
];

/** Worst first: lag health, then phase, then the most records behind. */
export function worstFirst(a: PipelineRow, b: PipelineRow): number {
  return (
    LAG_SEVERITY[b.status.lag?.status ?? 'UNKNOWN'] - LAG_SEVERITY[a.status.lag?.status ?? 'UNKNOWN'] ||
    PHASE_SEVERITY[b.status.phase ?? 'Pending'] - PHASE_SEVERITY[a.status.phase ?? 'Pending'] ||
    (b.status.lag?.totalRecords ?? 0) - (a.status.lag?.totalRecords ?? 0) ||
    `${a.team}/${a.status.name}`.localeCompare(`${b.team}/${b.status.name}`)
  );
}

/** Pipelines with their phase, lag and rates; sortable by any column, filtered by name, team or phase. */
export function PipelineTable({ rows, showTeam }: { rows: PipelineRow[]; showTeam: boolean }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ index: number; direction: 'asc' | 'desc' } | undefined>();
  const columns = showTeam ? COLUMNS : COLUMNS.slice(1);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const kept = rows.filter(
      (r) =>
        !needle ||
        r.team.toLowerCase().includes(needle) ||
        (r.status.name ?? '').toLowerCase().includes(needle) ||
        (r.status.phase ?? '').toLowerCase().includes(needle) ||
        (r.status.lag?.status ?? '').toLowerCase().includes(needle),
    );
    if (!sort) return kept.sort(worstFirst);
    const column = columns[sort.index];
    return kept.sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.direction === 'asc' ? order : -order;
    });
  }, [rows, filter, sort, columns]);

  const sortBy = (index: number): ThProps['sort'] => ({
    sortBy: sort ? { index: sort.index, direction: sort.direction } : {},
    onSort: (_e, i, direction) => setSort({ index: i, direction }),
    columnIndex: index,
  });

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              aria-label="Filter pipelines"
              placeholder="Filter by name, team, phase or lag"
              value={filter}
              onChange={(_e, v) => setFilter(v)}
              onClear={() => setFilter('')}
            />
          </ToolbarItem>
          <ToolbarItem>
            {shown.length} of {rows.length} pipelines
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {shown.length === 0 ? (
        <Empty title={rows.length === 0 ? 'No pipelines yet' : 'No pipeline matches the filter'} />
      ) : (
        <Table aria-label="Pipelines" variant="compact">
          <Thead>
            <Tr>
              {columns.map((c, i) => (
                <Th key={c.title} sort={sortBy(i)} modifier="wrap">
                  {c.title}
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {shown.map((r) => (
              <Tr key={`${r.team}/${r.status.name}`}>
                {showTeam && (
                  <Td dataLabel="Team">
                    <Link to={`/teams/${r.team}`}>{r.team}</Link>
                  </Td>
                )}
                <Td dataLabel="Pipeline">
                  <Link to={`/teams/${r.team}/pipelines/${r.status.name}`}>{r.status.name}</Link>
                </Td>
                <Td dataLabel="Phase">
                  <PhaseLabel phase={r.status.phase} />
                </Td>
                <Td dataLabel="Replicas">
                  {r.status.replicas?.ready ?? 0}/{r.status.replicas?.desired ?? 0}
                </Td>
                <Td dataLabel="Lag health">
                  <LagLabel status={r.status.lag?.status} />
                </Td>
                <Td dataLabel="Lag (records)">{count(r.status.lag?.totalRecords ?? r.status.lagRecords)}</Td>
                <Td dataLabel="Lag (time)">{seconds(r.status.lag?.lagSeconds)}</Td>
                <Td dataLabel="In">{rate(r.status.throughput?.inRecordsPerSecond)}</Td>
                <Td dataLabel="Out">{rate(r.status.throughput?.outRecordsPerSecond)}</Td>
                <Td dataLabel="Recent in">
                  <Sparkline series={r.status.throughput?.series} />
                </Td>
                <Td dataLabel="Restarts">{count(r.status.restarts)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}
