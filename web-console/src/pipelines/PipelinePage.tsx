import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FormSelect,
  FormSelectOption,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { stringify } from 'yaml';
import { api, unwrap, type Schemas } from '../api/client';
import { canWritePipelines } from '../auth/access';
import { NotFoundPage } from '../app/NotFoundPage';
import { STATUS_REFRESH_MS, useMe } from '../app/queries';
import { bytes, count, rate, seconds, when } from '../common/format';
import { LagLabel, PhaseLabel } from '../common/health';
import { LagChart } from '../common/LagChart';
import { RateChart } from '../common/RateChart';
import { Empty, Loading, ProblemAlert, isNotFound } from '../common/states';
import { AutomaticRollbackAlert } from './AutomaticRollbackAlert';
import { sideBySide } from './diff';
import { DeadLettersView } from './DeadLettersView';
import { TopicsTable } from './TopicsTable';
import { TopologyGraph } from './TopologyGraph';

const SOURCE = { 'Tributary-Source': 'console' as const };

/** One pipeline: status, topology, stores and workers, revisions, and what may be done to it. */
export function PipelinePage() {
  const { team = '', name = '' } = useParams();
  const path = { params: { path: { team, name } } };
  const me = useMe();
  const pipeline = useQuery({
    queryKey: ['pipeline', team, name],
    queryFn: async () => unwrap<Schemas['Pipeline']>(await api.GET('/api/v1/teams/{team}/pipelines/{name}', path)),
  });
  const status = useQuery({
    queryKey: ['pipeline-status', team, name],
    enabled: pipeline.isSuccess,
    refetchInterval: STATUS_REFRESH_MS,
    queryFn: async () =>
      unwrap<Schemas['PipelineStatus']>(await api.GET('/api/v1/teams/{team}/pipelines/{name}/status', path)),
  });
  const [tab, setTab] = useState<string | number>('status');
  if (isNotFound(pipeline.error)) return <NotFoundPage what={`Pipeline ${team}/${name}`} />;
  const writable = me.data ? canWritePipelines(me.data, team) : false;

  return (
    <>
      <PageSection>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <div>
            <Title headingLevel="h1">
              {name} <PhaseLabel phase={status.data?.phase} />
            </Title>
            <p>
              Team <Link to={`/teams/${team}`}>{team}</Link> · revision {pipeline.data?.revision ?? '…'} ·{' '}
              {pipeline.data?.state ?? ''} {pipeline.data?.description ? `· ${pipeline.data.description}` : ''}
            </p>
          </div>
          {writable && pipeline.data && <Actions pipeline={pipeline.data} />}
        </Flex>
      </PageSection>
      <PageSection>
        {pipeline.isPending ? (
          <Loading what="pipeline" />
        ) : pipeline.error ? (
          <ProblemAlert error={pipeline.error} title="The pipeline could not be read" />
        ) : (
          <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} aria-label="Pipeline views" mountOnEnter>
            <Tab eventKey="status" title={<TabTitleText>Status</TabTitleText>}>
              <StatusView team={team} name={name} status={status} current={pipeline.data?.revision} />
            </Tab>
            <Tab eventKey="topology" title={<TabTitleText>Topology</TabTitleText>}>
              <TopologyView team={team} name={name} pipeline={pipeline.data} />
            </Tab>
            <Tab eventKey="workers" title={<TabTitleText>State stores and workers</TabTitleText>}>
              <WorkersView status={status.data} />
            </Tab>
            <Tab eventKey="dead-letters" title={<TabTitleText>Dead letters</TabTitleText>}>
              <DeadLettersView team={team} name={name} />
            </Tab>
            <Tab eventKey="revisions" title={<TabTitleText>Revisions</TabTitleText>}>
              <RevisionsView team={team} name={name} current={pipeline.data.revision ?? 1} writable={writable} />
            </Tab>
            <Tab eventKey="yaml" title={<TabTitleText>Document</TabTitleText>}>
              <pre className="tributary-code">{stringify(pipeline.data.document)}</pre>
            </Tab>
          </Tabs>
        )}
      </PageSection>
    </>
  );
}

type Action = 'pause' | 'resume' | 'restart' | 'delete';

function Actions({ pipeline }: { pipeline: Schemas['Pipeline'] }) {
  const team = pipeline.team!;
  const name = pipeline.name!;
  const client = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<Action | undefined>();
  const act = useMutation({
    mutationFn: async (action: Action) => {
      const args = { params: { path: { team, name }, header: SOURCE } };
      if (action === 'delete') return unwrap(await api.DELETE('/api/v1/teams/{team}/pipelines/{name}', args));
      const url = `/api/v1/teams/{team}/pipelines/{name}/${action}` as const;
      return unwrap(await api.POST(url, args));
    },
    onSuccess: (_d, action) => {
      setConfirm(undefined);
      if (action === 'delete') {
        void client.invalidateQueries({ queryKey: ['team-status', team] });
        navigate(`/teams/${team}`);
      } else {
        void client.invalidateQueries({ queryKey: ['pipeline', team, name] });
        void client.invalidateQueries({ queryKey: ['pipeline-status', team, name] });
      }
    },
  });
  const paused = pipeline.state === 'paused';
  const words: Record<Action, string> = {
    pause: 'Pausing stops every worker; the pipeline keeps its place and continues when resumed.',
    resume: 'Resuming starts the workers again from where they stopped.',
    restart: 'Restarting replaces every worker, one at a time.',
    delete: 'Deleting removes the pipeline, its revisions, its workers and its internal topics. This cannot be undone.',
  };
  return (
    <Flex>
      <Link to={`/teams/${team}/pipelines/${name}/edit`}>
        <Button component="span" variant="secondary">
          Edit
        </Button>
      </Link>
      <Button variant="secondary" onClick={() => setConfirm(paused ? 'resume' : 'pause')}>
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <Button variant="secondary" onClick={() => setConfirm('restart')}>
        Restart
      </Button>
      <Button variant="danger" onClick={() => setConfirm('delete')}>
        Delete
      </Button>
      <Modal
        isOpen={confirm !== undefined}
        onClose={() => setConfirm(undefined)}
        variant="small"
        aria-labelledby="confirm-title"
      >
        <ModalHeader title={`${confirm ? confirm[0].toUpperCase() + confirm.slice(1) : ''} ${name}?`} labelId="confirm-title" />
        <ModalBody>
          {confirm && words[confirm]}
          {act.error && <ProblemAlert error={act.error} />}
        </ModalBody>
        <ModalFooter>
          <Button
            variant={confirm === 'delete' ? 'danger' : 'primary'}
            isLoading={act.isPending}
            onClick={() => confirm && act.mutate(confirm)}
          >
            {confirm ? confirm[0].toUpperCase() + confirm.slice(1) : ''}
          </Button>
          <Button variant="link" onClick={() => setConfirm(undefined)}>
            Cancel
          </Button>
        </ModalFooter>
      </Modal>
    </Flex>
  );
}

function StatusView({
  team,
  name,
  status,
  current,
}: {
  team: string;
  name: string;
  status: { data?: Schemas['PipelineStatus']; error: unknown; isPending: boolean };
  /** The pipeline's current revision: the rollback is news only while it is that revision. */
  current?: number;
}) {
  if (status.isPending) return <Loading what="status" />;
  if (status.error) return <ProblemAlert error={status.error} title="The status could not be read" />;
  const s = status.data!;
  const facts: [string, React.ReactNode][] = [
    ['Phase', <PhaseLabel phase={s.phase} />],
    ['Deployed revision', s.deployedRevision ?? '—'],
    ...(s.applicationId ? [['Application id', <code>{s.applicationId}</code>] as [string, React.ReactNode]] : []),
    ['Replicas', `${s.replicas?.ready ?? 0} ready of ${s.replicas?.desired ?? 0} (min ${s.replicas?.min ?? '—'}, max ${s.replicas?.max ?? '—'})`],
    ['Lag health', <LagLabel status={s.lag?.status} />],
    ['Lag', `${count(s.lag?.totalRecords ?? s.lagRecords)} records · ${seconds(s.lag?.lagSeconds)}`],
    ['Throughput', `in ${rate(s.throughput?.inRecordsPerSecond)} · out ${rate(s.throughput?.outRecordsPerSecond)}`],
    ['Restarts', count(s.restarts)],
    ['Dead-lettered records', count(s.deadLetteredRecords)],
    ['Observed', when(s.observedAt)],
  ];
  return (
    <>
      {s.automaticRollback && s.automaticRollback.revision === current && (
        <LastAutomaticRollback team={team} name={name} rollback={s.automaticRollback} />
      )}
      {s.lastError && (
        <Alert variant="danger" isInline title="Last error">
          <pre className="tributary-code">{s.lastError}</pre>
        </Alert>
      )}
      <DescriptionList isHorizontal isCompact style={{ marginTop: 16 }}>
        {facts.map(([t, v]) => (
          <DescriptionListGroup key={t}>
            <DescriptionListTerm>{t}</DescriptionListTerm>
            <DescriptionListDescription>{v}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
      <div style={{ marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 24 }}>
        <RateChart series={s.throughput?.series} title="Throughput" />
        <LagChart series={s.throughput?.series} />
      </div>
      <Title headingLevel="h2" style={{ marginTop: 24 }}>
        Conditions
      </Title>
      {(s.conditions ?? []).length === 0 ? (
        <Empty title="No conditions reported yet" />
      ) : (
        <Table aria-label="Conditions" variant="compact">
          <Thead>
            <Tr>
              <Th>Type</Th>
              <Th>Status</Th>
              <Th>Reason</Th>
              <Th>Message</Th>
              <Th>Since</Th>
            </Tr>
          </Thead>
          <Tbody>
            {s.conditions!.map((c) => (
              <Tr key={c.type}>
                <Td>{c.type}</Td>
                <Td>{c.status}</Td>
                <Td>{c.reason}</Td>
                <Td>{c.message}</Td>
                <Td>{when(c.lastTransitionTime)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {(s.lag?.partitions ?? []).length > 0 && (
        <>
          <Title headingLevel="h2" style={{ marginTop: 24 }}>
            Lag by partition
          </Title>
          <Table aria-label="Lag by partition" variant="compact">
            <Thead>
              <Tr>
                <Th>Topic</Th>
                <Th>Partition</Th>
                <Th>End offset</Th>
                <Th>Committed</Th>
                <Th>Lag</Th>
                <Th>Lag (time)</Th>
                <Th>Health</Th>
              </Tr>
            </Thead>
            <Tbody>
              {s.lag!.partitions!.map((p) => (
                <Tr key={`${p.topic}-${p.partition}`}>
                  <Td>{p.topic}</Td>
                  <Td>{p.partition}</Td>
                  <Td>{count(p.endOffset)}</Td>
                  <Td>{count(p.committedOffset)}</Td>
                  <Td>{count(p.lag)}</Td>
                  <Td>{seconds(p.lagSeconds)}</Td>
                  <Td>
                    <LagLabel status={p.status} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </>
  );
}

/** The rollback alert, with the failing revision's rollbackAfter read from its document. */
function LastAutomaticRollback({ team, name, rollback }: { team: string; name: string; rollback: Schemas['AutomaticRollback'] }) {
  const failing = useRevision(team, name, rollback.fromRevision);
  // UpgradeSpec.DEFAULT_ROLLBACK_AFTER when the document names none
  const rollbackAfter = failing.data ? (failing.data.document?.spec?.upgrade?.rollbackAfter ?? '5m (the default)') : undefined;
  return <AutomaticRollbackAlert rollback={rollback} rollbackAfter={rollbackAfter} />;
}

function TopologyView({ team, name, pipeline }: { team: string; name: string; pipeline: Schemas['Pipeline'] }) {
  const explain = useQuery({
    queryKey: ['explain', team, name, pipeline.revision],
    queryFn: async () =>
      unwrap<Schemas['Explanation']>(
        await api.GET('/api/v1/teams/{team}/pipelines/{name}/explain', { params: { path: { team, name } } }),
      ),
  });
  return (
    <>
      <TopologyGraph spec={pipeline.document?.spec} />
      {explain.isPending ? (
        <Loading what="topology" />
      ) : explain.error ? (
        <ProblemAlert error={explain.error} title="The topology could not be explained" />
      ) : (
        <>
          {explain.data.topologyProblem && (
            <Alert variant="warning" isInline title="Kafka Streams topology">
              {explain.data.topologyProblem}
            </Alert>
          )}
          <Title headingLevel="h2" style={{ marginTop: 16 }}>
            Topics
          </Title>
          <TopicsTable topics={explain.data.topics} label="Topics" />
          <p style={{ marginTop: 8 }}>
            Application id <code>{explain.data.applicationId}</code>;{' '}
            {explain.data.topology?.subTopologies?.length ?? 0} Kafka Streams sub-topologies,{' '}
            {explain.data.topology?.stores?.length ?? 0} state stores.
          </p>
        </>
      )}
    </>
  );
}

function WorkersView({ status }: { status?: Schemas['PipelineStatus'] }) {
  if (!status) return <Loading what="workers" />;
  return (
    <>
      <Title headingLevel="h2">State stores</Title>
      {(status.stateStores ?? []).length === 0 ? (
        <Empty title="No state stores">This pipeline keeps no state, or none is reported yet.</Empty>
      ) : (
        <Table aria-label="State stores" variant="compact">
          <Thead>
            <Tr>
              <Th>Store</Th>
              <Th>Kind</Th>
              <Th>State</Th>
              <Th>Entries</Th>
              <Th>On disk</Th>
              <Th>Restore</Th>
            </Tr>
          </Thead>
          <Tbody>
            {status.stateStores!.map((s) => (
              <Tr key={s.name}>
                <Td>{s.name}</Td>
                <Td>{s.kind}</Td>
                <Td>{s.state}</Td>
                <Td>{count(s.approximateEntries)}</Td>
                <Td>{bytes(s.sizeOnDiskBytes)}</Td>
                <Td>{s.restoreProgress !== undefined ? `${Math.round(s.restoreProgress * 100)}%` : '—'}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Title headingLevel="h2" style={{ marginTop: 24 }}>
        Workers
      </Title>
      {(status.workers ?? []).length === 0 ? (
        <Empty title="No workers running" />
      ) : (
        <Table aria-label="Workers" variant="compact">
          <Thead>
            <Tr>
              <Th>Replica</Th>
              <Th>Process</Th>
              <Th>Ready</Th>
              <Th>Streams state</Th>
              <Th>Revision</Th>
              <Th>Restarts</Th>
              <Th>Started</Th>
            </Tr>
          </Thead>
          <Tbody>
            {status.workers!.map((w) => (
              <Tr key={w.replica}>
                <Td>{w.replica}</Td>
                <Td>{w.process}</Td>
                <Td>{w.ready ? 'yes' : 'no'}</Td>
                <Td>{w.streamsState}</Td>
                <Td>{w.revision}</Td>
                <Td>{w.restarts}</Td>
                <Td>{when(w.startedAt)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}

function useRevision(team: string, name: string, revision: number | undefined) {
  return useQuery({
    queryKey: ['revision', team, name, revision],
    enabled: revision !== undefined && revision > 0,
    staleTime: Infinity,
    queryFn: async () =>
      unwrap<Schemas['Revision']>(
        await api.GET('/api/v1/teams/{team}/pipelines/{name}/revisions/{revision}', {
          params: { path: { team, name, revision: revision! } },
        }),
      ),
  });
}

function RevisionsView({ team, name, current, writable }: { team: string; name: string; current: number; writable: boolean }) {
  const client = useQueryClient();
  const revisions = useQuery({
    queryKey: ['revisions', team, name, current],
    queryFn: async () =>
      unwrap<Schemas['RevisionPage']>(
        await api.GET('/api/v1/teams/{team}/pipelines/{name}/revisions', {
          params: { path: { team, name }, query: { limit: 100 } },
        }),
      ),
  });
  const [left, setLeft] = useState(Math.max(1, current - 1));
  const [right, setRight] = useState(current);
  const before = useRevision(team, name, left);
  const after = useRevision(team, name, right);
  const [rollbackTo, setRollbackTo] = useState<number | undefined>();
  const rollback = useMutation({
    mutationFn: async (revision: number) =>
      unwrap(
        await api.POST('/api/v1/teams/{team}/pipelines/{name}/revisions/{revision}/rollback', {
          params: { path: { team, name, revision }, header: { ...SOURCE, 'If-Match': `"${current}"` } },
        }),
      ),
    onSuccess: () => {
      setRollbackTo(undefined);
      void client.invalidateQueries({ queryKey: ['pipeline', team, name] });
    },
  });
  if (revisions.isPending) return <Loading what="revisions" />;
  if (revisions.error) return <ProblemAlert error={revisions.error} title="The revisions could not be read" />;
  const items = revisions.data.items ?? [];
  const numbers = items.map((r) => r.number!);
  return (
    <>
      <Table aria-label="Revisions" variant="compact">
        <Thead>
          <Tr>
            <Th>Revision</Th>
            <Th>Author</Th>
            <Th>Source</Th>
            <Th>State generation</Th>
            <Th>Made</Th>
            <Th>Changes</Th>
            <Th screenReaderText="Actions" />
          </Tr>
        </Thead>
        <Tbody>
          {items.map((r) => (
            <Tr key={r.number}>
              <Td>
                {r.number}
                {r.number === current ? ' (current)' : ''}
                {r.rolledBackFrom ? ` (rollback to ${r.rolledBackFrom})` : ''}
              </Td>
              <Td>{r.author}</Td>
              <Td>
                {r.source === 'automatic' ? (
                  <Label color="orange" isCompact>
                    automatic rollback
                  </Label>
                ) : (
                  r.source
                )}
              </Td>
              <Td>{r.stateGeneration ?? '—'}</Td>
              <Td>{when(r.createdAt)}</Td>
              <Td>{r.diff ? `${r.diff.length} operations` : 'created'}</Td>
              <Td>
                {writable && r.number !== current && (
                  <Button variant="link" isInline onClick={() => setRollbackTo(r.number)}>
                    Roll back to {r.number}
                  </Button>
                )}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Title headingLevel="h2" style={{ marginTop: 24 }}>
        Compare
      </Title>
      <Flex>
        <FormSelect value={left} onChange={(_e, v) => setLeft(Number(v))} aria-label="Older revision">
          {numbers.map((n) => (
            <FormSelectOption key={n} value={n} label={`Revision ${n}`} />
          ))}
        </FormSelect>
        <FormSelect value={right} onChange={(_e, v) => setRight(Number(v))} aria-label="Newer revision">
          {numbers.map((n) => (
            <FormSelectOption key={n} value={n} label={`Revision ${n}`} />
          ))}
        </FormSelect>
      </Flex>
      {before.data && after.data ? (
        <DiffView before={stringify(before.data.document)} after={stringify(after.data.document)} />
      ) : before.error || after.error ? (
        <ProblemAlert error={before.error ?? after.error} />
      ) : (
        <Loading what="revisions to compare" />
      )}
      <Modal isOpen={rollbackTo !== undefined} onClose={() => setRollbackTo(undefined)} variant="small" aria-labelledby="rollback-title">
        <ModalHeader title={`Roll back ${name} to revision ${rollbackTo}?`} labelId="rollback-title" />
        <ModalBody>
          A new revision is made with the document of revision {rollbackTo}, checked again against the team's rules.
          {rollback.error && <ProblemAlert error={rollback.error} />}
        </ModalBody>
        <ModalFooter>
          <Button isLoading={rollback.isPending} onClick={() => rollbackTo && rollback.mutate(rollbackTo)}>
            Roll back
          </Button>
          <Button variant="link" onClick={() => setRollbackTo(undefined)}>
            Cancel
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}

export function DiffView({ before, after }: { before: string; after: string }) {
  const lines = sideBySide(before, after);
  const tint = { same: undefined, removed: '#fde2e2', added: '#e3f5e1', changed: '#fff4cc' };
  return (
    <table className="tributary-diff" aria-label="Side-by-side difference">
      <thead>
        <tr>
          <th scope="col">Older</th>
          <th scope="col">Newer</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={i} data-change={l.change}>
            <td style={{ background: l.change === 'added' ? undefined : tint[l.change] }}>{l.left ?? ''}</td>
            <td style={{ background: l.change === 'removed' ? undefined : tint[l.change] }}>{l.right ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
