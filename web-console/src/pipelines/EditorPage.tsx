import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { parse, stringify } from 'yaml';
import { api, ProblemError, unwrap, yamlBody, type Schemas } from '../api/client';
import { useMe } from '../app/queries';
import { NotFoundPage } from '../app/NotFoundPage';
import { canWritePipelines, isPlatformUser } from '../auth/access';
import { Empty, Loading, ProblemAlert } from '../common/states';
import { documentName, lineOf, syntaxErrors } from './lines';
import { PreviewResult } from './PreviewView';
import { TEMPLATES, templateFor } from './templates';
import { TopicsTable } from './TopicsTable';
import { TopologyGraph } from './TopologyGraph';
import { REFUSAL_ID, UpgradePlanView } from './UpgradePlanView';
import type { LineError } from './yamlSupport';

// Monaco is large: it is loaded with the editor, not with the console.
const YamlEditor = lazy(() => import('./YamlEditor').then((m) => ({ default: m.YamlEditor })));

const VALIDATE_AFTER_MS = 500;

/** Create a pipeline from a template, or edit one; the server's dry run marks errors at their line. */
export function EditorPage() {
  const { team = '', name } = useParams();
  const existing = useQuery({
    queryKey: ['pipeline', team, name],
    enabled: name !== undefined,
    queryFn: async () =>
      unwrap<Schemas['Pipeline']>(
        await api.GET('/api/v1/teams/{team}/pipelines/{name}', { params: { path: { team, name: name! } } }),
      ),
  });
  const me = useMe();
  if (me.data && !canWritePipelines(me.data, team)) {
    const reads = isPlatformUser(me.data) || (me.data.teams ?? []).some((m) => m.team === team);
    if (!reads) return <NotFoundPage what={`Team ${team}`} />;
    // The address of the editor, opened by someone whose role reads pipelines only.
    const back = name ? `/teams/${team}/pipelines/${name}` : `/teams/${team}`;
    return (
      <PageSection>
        <Empty title="You may not change this team's pipelines">
          Your role lets you read the pipelines of team {team}, not change them. <Link to={back}>Back</Link>
        </Empty>
      </PageSection>
    );
  }
  if (me.isPending || (name && existing.isPending)) return <Loading what="pipeline" />;
  if (name && existing.error) return <ProblemAlert error={existing.error} />;
  return (
    <Editor
      team={team}
      revision={existing.data?.revision}
      initial={existing.data ? stringify(existing.data.document) : templateFor('filter', team)}
    />
  );
}

function Editor({ team, revision, initial }: { team: string; revision?: number; initial: string }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [text, setText] = useState(initial);
  const [template, setTemplate] = useState('filter');
  const [checked, setChecked] = useState<{
    text: string;
    errors: LineError[];
    problem?: unknown;
    valid: boolean;
    report?: Schemas['ValidationReport'];
  }>();

  useEffect(() => {
    const local = syntaxErrors(text);
    if (local.length > 0) {
      setChecked({ text, errors: local, valid: false });
      return;
    }
    const timer = setTimeout(async () => {
      const result = await api.POST('/api/v1/teams/{team}/pipelines/validate', {
        params: { path: { team } },
        body: text as never,
        ...yamlBody,
      });
      if (result.response.ok) {
        setChecked({ text, errors: [], valid: true, report: result.data as Schemas['ValidationReport'] });
      } else {
        const problem = (result.error ?? {}) as Schemas['Problem'];
        const errors = (problem.errors ?? []).map((e) => ({
          line: lineOf(text, e.path) ?? 1,
          message: `${e.path}: ${e.message}`,
        }));
        if (errors.length === 0) errors.push({ line: 1, message: problem.detail ?? problem.title ?? 'invalid' });
        setChecked({ text, errors, valid: false, problem: new ProblemError(result.response.status, problem) });
      }
    }, VALIDATE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text, team]);

  const current = checked?.text === text ? checked : undefined;
  // An edit is planned once the server accepts the document: what it does to the state, and
  // whether the update would be refused, before Apply is pressed.
  const planned = revision !== undefined && current?.valid ? current.text : undefined;
  const planName = planned !== undefined ? documentName(planned) : undefined;
  const plan = useQuery({
    queryKey: ['upgrade-plan', team, planName, planned],
    enabled: planName !== undefined,
    retry: false,
    gcTime: 0,
    queryFn: async () =>
      unwrap<Schemas['UpgradePlan']>(
        await api.POST('/api/v1/teams/{team}/pipelines/{name}/plan', {
          params: { path: { team, name: planName! } },
          body: planned as never,
          ...yamlBody,
        }),
      ),
  });
  const refused = planName !== undefined && plan.data?.allowed === false;

  const apply = useMutation({
    mutationFn: async () => {
      const name = documentName(text);
      if (!name) throw new ProblemError(422, { title: 'The document needs metadata.name' });
      const header = revision ? { 'If-Match': `"${revision}"` } : { 'If-None-Match': '*' };
      const saved = unwrap<Schemas['Pipeline']>(
        await api.PUT('/api/v1/teams/{team}/pipelines/{name}', {
          params: { path: { team, name }, header },
          body: text as never,
          bodySerializer: yamlBody.bodySerializer,
          headers: { ...yamlBody.headers, 'Tributary-Source': 'console' },
        }),
      );
      return saved;
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['pipeline', team, saved.name] });
      void client.invalidateQueries({ queryKey: ['team-status', team] });
      navigate(`/teams/${team}/pipelines/${saved.name}`);
    },
  });

  const preview = useMutation({
    mutationFn: async (document: string) =>
      unwrap<Schemas['PipelinePreview']>(
        await api.POST('/api/v1/teams/{team}/pipelines/preview', {
          params: { path: { team } },
          body: document as never,
          ...yamlBody,
        }),
      ),
  });
  // a preview belongs to the text it ran on
  const previewed = preview.variables === text ? preview : undefined;

  const errors = current?.errors ?? [];
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{revision ? `Edit ${documentName(initial)}` : `New pipeline in ${team}`}</Title>
      </PageSection>
      <PageSection>
        <Form onSubmit={(e) => e.preventDefault()}>
          {!revision && (
            <FormGroup label="Start from" fieldId="template">
              <FormSelect
                id="template"
                value={template}
                onChange={(_e, v) => {
                  setTemplate(v);
                  setText(templateFor(v, team));
                }}
              >
                {TEMPLATES.map((t) => (
                  <FormSelectOption key={t.id} value={t.id} label={t.title} />
                ))}
              </FormSelect>
            </FormGroup>
          )}
          <FormGroup label="Document" fieldId="document">
            <Suspense fallback={<Loading what="editor" />}>
              <YamlEditor value={text} onChange={setText} errors={errors} />
            </Suspense>
          </FormGroup>
          <div aria-live="polite" data-testid="validation">
            {!current ? (
              <Alert variant="info" isInline isPlain title="Checking…" />
            ) : current.valid ? (
              <Alert variant="success" isInline isPlain title="Valid: the server accepts this document" />
            ) : (
              <Alert variant="danger" isInline title={`${errors.length} error${errors.length === 1 ? '' : 's'}`}>
                <ul>
                  {errors.map((e, i) => (
                    <li key={i} data-line={e.line}>
                      Line {e.line}: {e.message}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
          </div>
          {current?.valid && <WhatItWillBe text={current.text} report={current.report} />}
          {planName !== undefined && <UpgradePlanView plan={plan} />}
          {apply.error && <ProblemAlert error={apply.error} title="The pipeline was not saved" />}
          <ActionGroup>
            <Button
              onClick={() => apply.mutate()}
              isLoading={apply.isPending}
              isDisabled={apply.isPending}
              // aria-disabled rather than disabled: the button stays in the Tab order, where its
              // description says why it cannot be pressed
              isAriaDisabled={refused}
              aria-describedby={refused ? REFUSAL_ID : undefined}
            >
              {revision ? 'Apply' : 'Create'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => preview.mutate(text)}
              isLoading={preview.isPending}
              isDisabled={preview.isPending}
            >
              Preview
            </Button>
            <Button variant="link" onClick={() => navigate(-1)}>
              Cancel
            </Button>
          </ActionGroup>
        </Form>
      </PageSection>
      {previewed && !previewed.isPending && (
        <PageSection aria-live="polite">
          {previewed.error ? (
            <ProblemAlert error={previewed.error} title="The preview could not run" />
          ) : (
            previewed.data && <PreviewResult preview={previewed.data} />
          )}
        </PageSection>
      )}
    </>
  );
}

/**
 * The accepted document before it is applied: its topology drawn from the text, and what the
 * server's dry run says it needs in Kafka (application id, topics and their roles).
 */
function WhatItWillBe({ text, report }: { text: string; report?: Schemas['ValidationReport'] }) {
  let spec: Schemas['PipelineSpec'] | undefined;
  try {
    spec = (parse(text) as Schemas['PipelineDocument'] | undefined)?.spec;
  } catch {
    spec = undefined;
  }
  const plan = report?.plan;
  return (
    <section aria-label="Topology before applying">
      <Title headingLevel="h2" size="md">
        Topology
      </Title>
      <TopologyGraph spec={spec} />
      {plan && (
        <>
          <p>
            Application id and consumer group <code>{plan.applicationId}</code>; internal topics start with{' '}
            <code>{plan.internalTopicPrefix}</code>
            {report?.exists ? '; a pipeline of this name exists and is replaced on apply' : ''}.
          </p>
          <TopicsTable topics={plan.topics} label="Topics the pipeline uses" />
        </>
      )}
    </section>
  );
}
