import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ReactNode } from 'react';
import { ProblemError, type Schemas } from '../api/client';
import { count } from '../common/format';
import { Loading } from '../common/states';

type Plan = Schemas['UpgradePlan'];
type LabelColor = 'blue' | 'green' | 'orange' | 'red' | 'grey';

const CLASSIFICATIONS: Record<NonNullable<Plan['classification']>, { color: LabelColor; says: string }> = {
  create: { color: 'blue', says: 'a new pipeline' },
  unchanged: { color: 'grey', says: 'the document in force: applying it changes nothing' },
  'stateless-only': { color: 'green', says: 'only steps without state change' },
  'state-compatible': { color: 'blue', says: 'the stateful parts change in ways their stores can follow' },
  'state-incompatible': { color: 'red', says: 'a stateful part changes in a way its stores cannot follow' },
};

const ROLLOUTS: Record<NonNullable<Plan['rollout']>, string> = {
  rolling: 'one worker at a time',
  recreate: 'every running worker stops before the new ones start',
  none: 'no worker is replaced',
};

const OUTCOMES: Record<NonNullable<Schemas['StatePlan']['outcome']>, LabelColor> = {
  unchanged: 'grey',
  extended: 'blue',
  added: 'green',
  removed: 'orange',
  incompatible: 'red',
};

/** The element that says why the update would be refused; the Apply button points at it. */
export const REFUSAL_ID = 'upgrade-plan-refusal';

export interface PlanState {
  data?: Plan;
  error: unknown;
  isPending: boolean;
}

/**
 * What the server's plan says applying the edited document would do to the pipeline in force:
 * the kind of change, how workers are replaced, the application id before and after, each
 * stateful part's fate and, for a reset of the state, where the new consumer group starts.
 */
export function UpgradePlanView({ plan }: { plan: PlanState }) {
  return (
    <section aria-labelledby="upgrade-plan-title" data-testid="upgrade-plan">
      <Title headingLevel="h2" size="md" id="upgrade-plan-title">
        What this update does
      </Title>
      {plan.isPending ? (
        <Loading what="the plan of this update" />
      ) : plan.error ? (
        <PlanProblem error={plan.error} />
      ) : (
        plan.data && <PlanFacts plan={plan.data} />
      )}
    </section>
  );
}

function PlanProblem({ error }: { error: unknown }) {
  const problem = error instanceof ProblemError ? error.problem : undefined;
  const title =
    error instanceof ProblemError && error.status === 503
      ? 'The plan could not be made: the deploy target did not answer'
      : `The plan could not be made${problem?.title ? `: ${problem.title}` : ''}`;
  return (
    <Alert variant="warning" isInline component="h3" title={title}>
      <p>{problem ? (problem.detail ?? `HTTP ${error instanceof ProblemError ? error.status : ''}`) : String(error)}</p>
    </Alert>
  );
}

function PlanFacts({ plan }: { plan: Plan }) {
  if (plan.fromRevision === undefined) {
    return (
      <p>
        Applying creates the pipeline <strong>{plan.pipeline}</strong>: the team has no pipeline of this name yet
        {plan.applicationIdAfter && (
          <>
            {' '}
            (application id <code>{plan.applicationIdAfter}</code>)
          </>
        )}
        .
      </p>
    );
  }
  const classification = plan.classification ? CLASSIFICATIONS[plan.classification] : undefined;
  const before = plan.applicationIdBefore;
  const after = plan.applicationIdAfter;
  const facts: [string, ReactNode][] = [
    [
      'Change',
      <>
        <Label color={classification?.color ?? 'grey'} isCompact>
          {plan.classification ?? 'unknown'}
        </Label>{' '}
        {classification?.says} (from revision {plan.fromRevision}
        {plan.diff ? `, ${plan.diff.length} ${plan.diff.length === 1 ? 'operation' : 'operations'}` : ''})
      </>,
    ],
    [
      'Mode',
      <>
        <code>{plan.mode ?? 'keep-state'}</code>
        {plan.mode === 'reset-state' ? ': the stateful parts start empty under a new application id' : ': each stateful part keeps its state, or the update is refused'}
      </>,
    ],
    ['Rollout', plan.rollout ? `${plan.rollout}: ${ROLLOUTS[plan.rollout]}` : '—'],
    [
      'Application id',
      after === undefined ? (
        <>
          <code>{before}</code>, kept: the update is refused
        </>
      ) : after === before ? (
        <>
          <code>{before}</code>, unchanged
        </>
      ) : (
        <>
          <code>{before}</code> → <code>{after}</code>{' '}
          <Label color="orange" isCompact>
            a new generation of the state
          </Label>
        </>
      ),
    ],
  ];
  return (
    <>
      {plan.allowed === false && (
        <Alert variant="danger" isInline component="h3" title="This update would be refused">
          <p id={REFUSAL_ID}>{plan.refusal ?? 'The server would refuse this update.'}</p>
        </Alert>
      )}
      <DescriptionList isHorizontal isCompact style={{ marginTop: 8 }}>
        {facts.map(([term, value]) => (
          <DescriptionListGroup key={term}>
            <DescriptionListTerm>{term}</DescriptionListTerm>
            <DescriptionListDescription>{value}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
      <StateTable state={plan.state ?? []} />
      {plan.startingOffsets && <StartingOffsetsTable offsets={plan.startingOffsets} />}
    </>
  );
}

function StateTable({ state }: { state: Schemas['StatePlan'][] }) {
  if (state.length === 0) return <p style={{ marginTop: 8 }}>No table or stateful step: there is no state to keep.</p>;
  return (
    <Table aria-label="State of the stateful parts" variant="compact" style={{ marginTop: 8 }}>
      <Thead>
        <Tr>
          <Th>Name</Th>
          <Th>Kind</Th>
          <Th>Stores</Th>
          <Th>Outcome</Th>
          <Th>State</Th>
          <Th>Reason</Th>
        </Tr>
      </Thead>
      <Tbody>
        {state.map((s) => (
          <Tr key={`${s.kind}/${s.name}`}>
            <Td dataLabel="Name">{s.name}</Td>
            <Td dataLabel="Kind">{s.kind}</Td>
            <Td dataLabel="Stores">{(s.stores ?? []).join(', ') || '—'}</Td>
            <Td dataLabel="Outcome">
              <Label color={s.outcome ? OUTCOMES[s.outcome] : 'grey'} isCompact>
                {s.outcome ?? '—'}
              </Label>
            </Td>
            <Td dataLabel="State">
              {s.kept ? 'kept' : s.outcome === 'removed' ? 'no longer read' : 'reset'}
            </Td>
            <Td dataLabel="Reason">{s.reason}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function StartingOffsetsTable({ offsets }: { offsets: Schemas['StartingOffset'][] }) {
  return (
    <>
      <Title headingLevel="h3" size="md" style={{ marginTop: 16 }}>
        Where the new consumer group starts
      </Title>
      {offsets.length === 0 ? (
        <p>The deploy target hands no offsets over, so none are listed.</p>
      ) : (
        <>
          <p>Read from Kafka now; the offsets are read again when the update stops the pipeline in force.</p>
          <Table aria-label="Starting offsets of the new consumer group" variant="compact">
            <Thead>
              <Tr>
                <Th>Topic</Th>
                <Th>Partition</Th>
                <Th>Offset</Th>
                <Th>Origin</Th>
              </Tr>
            </Thead>
            <Tbody>
              {offsets.map((o) => (
                <Tr key={`${o.topic}/${o.partition}`}>
                  <Td dataLabel="Topic">{o.topic}</Td>
                  <Td dataLabel="Partition">{o.partition === -1 ? 'every (a topic the update creates)' : o.partition}</Td>
                  <Td dataLabel="Offset">{count(o.offset)}</Td>
                  <Td dataLabel="Origin">{o.origin}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </>
  );
}
