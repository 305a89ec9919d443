import { signal } from '@preact/signals';
import type { ConsoleConfig } from './config';

/** The signed-in person as the token's claims say (conventions.md "Identity and roles"). */
export interface User {
  sub: string;
  roles: string[];
  area?: string;
  unit?: string;
}

export interface Session {
  token: string;
  user: User;
  expiresAt: number;
  /** How the person signed in: the organisation's provider, or the local platform's development sign-in. */
  via: 'oidc' | 'dev';
}

const STORED = 'civic.console.session';
const CALLBACK = '/console/signed-in';

function decode(token: string): User & { exp?: number } {
  const part = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
  );
  const claims = JSON.parse(json) as { sub: string; groups?: string[]; area?: string; unit?: string; exp?: number };
  return { sub: claims.sub, roles: claims.groups ?? [], area: claims.area, unit: claims.unit, exp: claims.exp };
}

function restore(): Session | null {
  const raw = sessionStorage.getItem(STORED);
  if (!raw) return null;
  const stored = JSON.parse(raw) as Session;
  return stored.expiresAt > Date.now() ? stored : null;
}

/** The current session; null when nobody is signed in (the console then shows the sign-in page). */
export const session = signal<Session | null>(restore());

function start(token: string, via: Session['via']) {
  const user = decode(token);
  const next: Session = { token, user, expiresAt: (user.exp ?? Date.now() / 1000 + 3600) * 1000, via };
  sessionStorage.setItem(STORED, JSON.stringify(next));
  session.value = next;
}

export function signOut() {
  sessionStorage.removeItem(STORED);
  session.value = null;
}

/** The one role the console is arranged for (a token may carry several: the most specific staff role wins). */
export function primaryRole(user: User): string {
  const order = ['petition_officer', 'handler', 'supervisor', 'mediator', 'grid_worker', 'analyst', 'admin'];
  return order.find((r) => user.roles.includes(r)) ?? user.roles[0] ?? 'citizen';
}

export interface DemoUser {
  sub: string;
  roles: string[];
  area?: string;
  unit?: string;
}

/** The local platform's development sign-in: the gateway mints the demo user's token (POST /console/dev-sign-in). */
export async function devSignIn(user: DemoUser): Promise<void> {
  const response = await fetch('/console/dev-sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(user),
  });
  const body = (await response.json()) as { token?: string; detail?: string };
  if (!response.ok || !body.token) throw new Error(body.detail ?? String(response.status));
  start(body.token, 'dev');
}

// OpenID Connect, authorization code + PKCE (oidc-client-ts): loaded only when the organisation's provider is used.
async function userManager(config: NonNullable<ConsoleConfig['oidc']>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    scope: config.scope,
    redirect_uri: location.origin + CALLBACK,
    post_logout_redirect_uri: location.origin + '/console/',
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

export async function oidcSignIn(config: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  const manager = await userManager(config);
  await manager.signinRedirect({ state: location.pathname + location.search });
}

export function isOidcCallback(): boolean {
  return location.pathname === CALLBACK;
}

/** Back from the provider: exchange the code (with the PKCE verifier) for tokens, then go where the person was. */
export async function completeOidcSignIn(config: NonNullable<ConsoleConfig['oidc']>): Promise<string> {
  const manager = await userManager(config);
  const user = await manager.signinRedirectCallback();
  start(user.access_token, 'oidc');
  return typeof user.state === 'string' && user.state.startsWith('/console/') ? user.state : '/console/';
}
