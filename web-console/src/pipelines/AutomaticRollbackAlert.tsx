import { Alert } from '@patternfly/react-core';
import type { Schemas } from '../api/client';
import { when } from '../common/format';

/**
 * The status' last automatic rollback. `rollbackAfter` is the failing revision's
 * spec.upgrade.rollbackAfter, which the status does not carry; unknown while that revision is read.
 */
export function AutomaticRollbackAlert({
  rollback,
  rollbackAfter,
}: {
  rollback: Schemas['AutomaticRollback'];
  rollbackAfter?: string;
}) {
  const within = rollbackAfter ? `within ${rollbackAfter}` : 'in time';
  return (
    <Alert
      variant="warning"
      isInline
      component="h2"
      title={`Revision ${rollback.fromRevision} did not become Running ${within} and was rolled back automatically to revision ${rollback.toRevision}`}
    >
      {rollback.reason && <p>{rollback.reason}</p>}
      <p>
        At {when(rollback.at)}; revision {rollback.revision} restores the document of revision {rollback.toRevision}.
      </p>
    </Alert>
  );
}
