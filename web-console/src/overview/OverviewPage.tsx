import {
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Gallery,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { STATUS_REFRESH_MS, useTeams } from '../app/queries';
import { count, rate } from '../common/format';
import { LagLabel } from '../common/health';
import { LagChart } from '../common/LagChart';
import { RateChart } from '../common/RateChart';
import { Empty, Loading, ProblemAlert } from '../common/states';
import { PipelineTable, type PipelineRow } from '../pipelines/PipelineTable';

/** For platform roles: every team's pipelines, worst first, with the platform's totals. */
export function OverviewPage() {
  const platform = useQuery({
    queryKey: ['platform-status'],
    refetchInterval: STATUS_REFRESH_MS,
    queryFn: async () => unwrap<Schemas['PlatformStatus']>(await api.GET('/api/v1/platform/status')),
  });
  const allTeams = useTeams();
  // Every team, also those without a pipeline, which the platform's totals leave out.
  const teams = [
    ...new Set([...(allTeams.data ?? []).map((t) => t.slug!), ...(platform.data?.teams ?? []).map((t) => t.team!)]),
  ].sort();
  const perTeam = useQueries({
    queries: teams.map((team) => ({
      queryKey: ['team-status', team],
      refetchInterval: STATUS_REFRESH_MS,
      queryFn: async () =>
        unwrap<Schemas['TeamStatus']>(await api.GET('/api/v1/teams/{team}/status', { params: { path: { team } } })),
    })),
  });
  const rows: PipelineRow[] = perTeam.flatMap((q) =>
    (q.data?.pipelines ?? []).map((status) => ({ team: q.data!.team!, status })),
  );
  const totals = platform.data?.totals;
  const failed = perTeam.find((q) => q.error);

  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Platform overview</Title>
        <Content component="p">
          Every team's pipelines on the {platform.data?.deployTarget ?? ''} deploy target, worst first.
        </Content>
      </PageSection>
      <PageSection>
        {platform.isPending ? (
          <Loading what="platform status" />
        ) : platform.error ? (
          <ProblemAlert error={platform.error} title="The platform status could not be read" />
        ) : (
          <>
            <Gallery hasGutter minWidths={{ default: '180px' }}>
              <Total title="Pipelines" value={count(totals?.pipelines)} />
              <Total title="Teams" value={count(teams.length)} />
              <Total
                title="Replicas ready"
                value={`${count(totals?.readyReplicas)} / ${count(totals?.desiredReplicas)}`}
              />
              <Total title="Lag (records)" value={count(totals?.lagRecords)} />
              <Card isCompact>
                <CardTitle>Worst lag</CardTitle>
                <CardBody>
                  <LagLabel status={totals?.worstLagStatus} />
                </CardBody>
              </Card>
              <Total title="In" value={rate(totals?.inRecordsPerSecond)} />
              <Total title="Out" value={rate(totals?.outRecordsPerSecond)} />
              <Total title="Restarts" value={count(totals?.restarts)} />
            </Gallery>
            <div style={{ marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 24 }}>
              <RateChart series={totals?.series} title="Platform throughput" />
              <LagChart series={totals?.series} />
            </div>
            {totals?.needAttention && totals.needAttention.length > 0 && (
              <DescriptionList isHorizontal style={{ marginTop: 16 }}>
                <DescriptionListGroup>
                  <DescriptionListTerm>Need attention</DescriptionListTerm>
                  <DescriptionListDescription>{totals.needAttention.join(', ')}</DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>
            )}
          </>
        )}
      </PageSection>
      <PageSection>
        <Title headingLevel="h2">Pipelines</Title>
        {failed && <ProblemAlert error={failed.error} title="A team's status could not be read" />}
        {platform.isSuccess && teams.length === 0 ? (
          <Empty title="No teams yet">Teams are made through the API (POST /api/v1/teams).</Empty>
        ) : perTeam.some((q) => q.isPending) || platform.isPending ? (
          <Loading what="pipelines" />
        ) : (
          <PipelineTable rows={rows} showTeam />
        )}
      </PageSection>
    </>
  );
}

function Total({ title, value }: { title: string; value: string }) {
  return (
    <Card isCompact>
      <CardTitle>{title}</CardTitle>
      <CardBody>
        <strong style={{ fontSize: '1.4em' }}>{value}</strong>
      </CardBody>
    </Card>
  );
}
