import '@patternfly/react-core/dist/styles/base.css';
import './console.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ProblemError } from './api/client';
import { App } from './app/App';
import { startSession } from './auth/session';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing resource will not appear by asking again.
      retry: (n, error) => !(error instanceof ProblemError && error.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = createRoot(document.getElementById('root')!);
startSession()
  .then((session) =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={queries}>
          <BrowserRouter basename="/console">
            <App session={session} />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    ),
  )
  .catch((e) => {
    root.render(<p role="alert">The console could not sign you in: {String(e)}</p>);
  });
