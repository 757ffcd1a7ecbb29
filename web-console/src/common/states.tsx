import {
  Alert,
  Bullseye,
  EmptyState,
  EmptyStateBody,
  Spinner,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { ProblemError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <Bullseye>
      <Spinner size="lg" aria-label={`Loading ${what}`} />
    </Bullseye>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <EmptyState titleText={title} headingLevel="h2">
      {children && <EmptyStateBody>{children}</EmptyStateBody>}
    </EmptyState>
  );
}

/** A failed request shown as its problem details: title, detail and each field error. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const problem = error instanceof ProblemError ? error.problem : undefined;
  const heading = title ?? problem?.title ?? 'Request failed';
  return (
    <Alert variant="danger" isInline title={heading} role="alert">
      {problem ? (
        <>
          {problem.detail && <p>{problem.detail}</p>}
          {problem.errors && problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code>: {e.message}
                </li>
              ))}
            </ul>
          )}
          {problem.status && <p>HTTP {problem.status}</p>}
        </>
      ) : (
        <p>{error instanceof Error ? error.message : String(error)}</p>
      )}
    </Alert>
  );
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ProblemError && (error.status === 404 || error.status === 403);
}
