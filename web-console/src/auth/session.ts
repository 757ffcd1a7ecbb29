import Keycloak from 'keycloak-js';
import { setBearerToken } from '../api/client';

/** What /console/config.json says (ConsoleRoutes in the control plane). */
interface ConsoleConfig {
  authentication: 'oidc' | 'none';
  oidc?: { url: string; realm: string; clientId: string };
}

export interface Session {
  authentication: 'oidc' | 'none';
  signOut?: () => void;
}

/**
 * Signs in with the realm's public console client (authorization code with PKCE) unless the
 * platform runs in single-user mode; tokens are refreshed before they expire, and a refresh that
 * fails sends the person to the sign-in page again.
 */
export async function startSession(): Promise<Session> {
  const config = (await (await fetch('/console/config.json')).json()) as ConsoleConfig;
  if (config.authentication !== 'oidc' || !config.oidc) return { authentication: 'none' };
  const keycloak = new Keycloak(config.oidc);
  await keycloak.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
  });
  const fresh = async () => {
    try {
      await keycloak.updateToken(30);
    } catch {
      await keycloak.login();
    }
    return keycloak.token;
  };
  keycloak.onTokenExpired = () => void fresh();
  setBearerToken(fresh);
  return {
    authentication: 'oidc',
    signOut: () => void keycloak.logout({ redirectUri: `${location.origin}/console/` }),
  };
}
