import {

  Button,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  SkipToContent,
  ToolbarItem,
  Toolbar,
  ToolbarContent,
  Title,
} from '@patternfly/react-core';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import type { Session } from '../auth/session';
import { isPlatformUser } from '../auth/access';
import { Loading, ProblemAlert } from '../common/states';
import { OverviewPage } from '../overview/OverviewPage';
import { EditorPage } from '../pipelines/EditorPage';
import { PipelinePage } from '../pipelines/PipelinePage';
import { TeamPage } from '../teams/TeamPage';
import { NotFoundPage } from './NotFoundPage';
import { useMe, useTeams } from './queries';

export function App({ session }: { session: Session }) {
  const me = useMe();
  const platform = me.data ? isPlatformUser(me.data) : false;
  const allTeams = useTeams(platform);
  const teams = platform ? (allTeams.data ?? []).map((t) => t.slug!) : (me.data?.teams ?? []).map((m) => m.team!);
  const location = useLocation();

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <Title headingLevel="h2" size="xl" style={{ color: 'inherit' }}>
            Tributary
          </Title>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem align={{ default: 'alignEnd' }}>
              <span data-testid="username">{me.data?.username}</span>
              {me.data?.platformRoles?.length ? ` (${me.data.platformRoles.join(', ')})` : ''}
            </ToolbarItem>
            {session.signOut && (
              <ToolbarItem>
                <Button variant="secondary" onClick={session.signOut}>
                  Sign out
                </Button>
              </ToolbarItem>
            )}
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Console">
          <NavList>
            {platform && (
              <NavItem isActive={location.pathname === '/'}>
                <NavLink to="/">Platform overview</NavLink>
              </NavItem>
            )}
            {teams.map((t) => (
              <NavItem key={t} isActive={location.pathname.startsWith(`/teams/${t}`)}>
                <NavLink to={`/teams/${t}`}>Team {t}</NavLink>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href="#main">Skip to content</SkipToContent>}
      mainContainerId="main"
    >
      {me.isPending ? (
        <Loading what="your roles" />
      ) : me.error ? (
        <ProblemAlert error={me.error} title="Who you are could not be read" />
      ) : (
        <Routes>
          <Route
            path="/"
            element={
              platform ? (
                <OverviewPage />
              ) : teams.length > 0 ? (
                <Navigate to={`/teams/${teams[0]}`} replace />
              ) : (
                <NotFoundPage what="You belong to no team yet, so there is nothing to show; this page" />
              )
            }
          />
          <Route path="/teams/:team" element={<TeamPage />} />
          <Route path="/teams/:team/pipelines/new" element={<EditorPage />} />
          <Route path="/teams/:team/pipelines/:name" element={<PipelinePage />} />
          <Route path="/teams/:team/pipelines/:name/edit" element={<EditorPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      )}
    </Page>
  );
}
