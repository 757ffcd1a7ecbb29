import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  PageSection,
  Progress,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap, type Schemas } from '../api/client';
import { canReadAudit, canWritePipelines } from '../auth/access';
import { useMe, useTeamStatus } from '../app/queries';
import { when } from '../common/format';
import { Empty, Loading, ProblemAlert, isNotFound } from '../common/states';
import { PipelineTable } from '../pipelines/PipelineTable';
import { NotFoundPage } from '../app/NotFoundPage';

/** One team: its pipelines, quota use and (for team admins) its audit log. */
export function TeamPage() {
  const { team = '' } = useParams();
  const me = useMe();
  const details = useQuery({
    queryKey: ['team', team],
    queryFn: async () => unwrap<Schemas['Team']>(await api.GET('/api/v1/teams/{team}', { params: { path: { team } } })),
  });
  const status = useTeamStatus(team);
  if (isNotFound(details.error)) return <NotFoundPage what={`Team ${team}`} />;
  const writable = me.data ? canWritePipelines(me.data, team) : false;

  return (
    <>
      <PageSection>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <Title headingLevel="h1">Team {details.data?.displayName ?? team}</Title>
          {writable && (
            <Link to={`/teams/${team}/pipelines/new`}>
              <Button component="span">Create pipeline</Button>
            </Link>
          )}
        </Flex>
      </PageSection>
      <PageSection>
        <Title headingLevel="h2">Pipelines</Title>
        {status.isPending ? (
          <Loading what="pipelines" />
        ) : status.error ? (
          <ProblemAlert error={status.error} title="The team's pipelines could not be read" />
        ) : (
          <PipelineTable rows={(status.data.pipelines ?? []).map((s) => ({ team, status: s }))} showTeam={false} />
        )}
      </PageSection>
      <PageSection>
        <Title headingLevel="h2">Quotas</Title>
        {details.isPending ? (
          <Loading what="quotas" />
        ) : details.error ? (
          <ProblemAlert error={details.error} />
        ) : (
          <Quotas team={details.data} />
        )}
      </PageSection>
      {me.data && canReadAudit(me.data, team) && <AuditLog team={team} />}
    </>
  );
}

function Quotas({ team }: { team: Schemas['Team'] }) {
  const q = team.quotas;
  const u = team.usage;
  const lines: [string, number | undefined, number | undefined][] = [
    ['Pipelines', u?.pipelines, q?.maxPipelines],
    ['Replicas', u?.totalReplicas, q?.maxTotalReplicas],
    ['Topics', u?.topics, q?.maxTopics],
    ['Partitions', u?.totalPartitions, q?.maxTotalPartitions],
  ];
  return (
    <DescriptionList isHorizontal>
      {lines.map(([title, used, max]) => (
        <DescriptionListGroup key={title}>
          <DescriptionListTerm>{title}</DescriptionListTerm>
          <DescriptionListDescription>
            {max ? (
              <Progress
                value={((used ?? 0) / max) * 100}
                label={`${used ?? 0} of ${max}`}
                aria-label={`${title}: ${used ?? 0} of ${max}`}
                measureLocation="outside"
              />
            ) : (
              `${used ?? 0} (no limit)`
            )}
          </DescriptionListDescription>
        </DescriptionListGroup>
      ))}
    </DescriptionList>
  );
}

function AuditLog({ team }: { team: string }) {
  const audit = useQuery({
    queryKey: ['audit', team],
    queryFn: async () =>
      unwrap<Schemas['AuditPage']>(
        await api.GET('/api/v1/teams/{team}/audit', { params: { path: { team }, query: { limit: 50 } } }),
      ),
  });
  return (
    <PageSection>
      <Title headingLevel="h2">Audit log</Title>
      {audit.isPending ? (
        <Loading what="audit log" />
      ) : audit.error ? (
        <ProblemAlert error={audit.error} title="The audit log could not be read" />
      ) : (audit.data.items ?? []).length === 0 ? (
        <Empty title="Nothing has happened in this team yet" />
      ) : (
        <Table aria-label="Audit log" variant="compact">
          <Thead>
            <Tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>Pipeline</Th>
              <Th>Revision</Th>
              <Th>Detail</Th>
            </Tr>
          </Thead>
          <Tbody>
            {audit.data.items!.map((e) => (
              <Tr key={e.id}>
                <Td>{when(e.at)}</Td>
                <Td>{e.actor}</Td>
                <Td>{e.action}</Td>
                <Td>{e.pipeline && <Link to={`/teams/${team}/pipelines/${e.pipeline}`}>{e.pipeline}</Link>}</Td>
                <Td>{e.revisionAfter ?? ''}</Td>
                <Td>{e.detail}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageSection>
  );
}
