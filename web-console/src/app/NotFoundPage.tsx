import { PageSection } from '@patternfly/react-core';
import { Link } from 'react-router-dom';
import { Empty } from '../common/states';

export function NotFoundPage({ what = 'This page' }: { what?: string }) {
  return (
    <PageSection>
      <Empty title="Not found">
        {what} does not exist, or you may not see it. <Link to="/">Back to the start</Link>
      </Empty>
    </PageSection>
  );
}
