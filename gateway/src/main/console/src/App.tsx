import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { ConsoleConfig } from './config';
import { Shell } from './components/Shell';
import { ErrorBox, Loading } from './components/common';
import { lang } from './i18n';
import { routePath } from './router';
import { session } from './session';
import { SignIn } from './screens/SignIn';
import { Workbench } from './screens/Workbench';

/** A screen loaded on its first visit (its own chunk), so the first route stays small (quality.md P8). */
function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function Lazy(props: P) {
    const [screen, setScreen] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      if (!loaded) {
        load().then((c) => setScreen(() => (loaded = c)), setError);
      }
    }, []);
    if (error) return <ErrorBox error={error} />;
    const Screen = screen;
    return Screen ? <Screen {...props} /> : <Loading />;
  };
}

const CaseLedger = lazy(() => import('./screens/CaseLedger').then((m) => m.CaseLedger));
const CasePage = lazy(() => import('./screens/CasePage').then((m) => m.CasePage));
const Mediation = lazy(() => import('./screens/Mediation').then((m) => m.Mediation));
const MediationPage = lazy(() => import('./screens/MediationPage').then((m) => m.MediationPage));
const ReceptionDay = lazy(() => import('./screens/ReceptionDay').then((m) => m.ReceptionDay));
const Admin = lazy(() => import('./screens/Admin').then((m) => m.Admin));
const SafetyIndex = lazy(() => import('./screens/SafetyIndex').then((m) => m.SafetyIndex));
const IncidentMap = lazy(() => import('./screens/IncidentMap').then((m) => m.IncidentMap));

export function App({ config }: { config: ConsoleConfig }) {
  // re-render on a language change (the texts are read while rendering)
  void lang.value;
  if (!session.value) return <SignIn config={config} />;
  const path = routePath();
  const caseId = /^\/cases\/([0-9a-fA-F-]{36})$/.exec(path)?.[1];
  const mediationId = /^\/mediation\/([0-9a-fA-F-]{36})$/.exec(path)?.[1];
  const receptionDayId = /^\/mediation\/reception\/([0-9a-fA-F-]{36})$/.exec(path)?.[1];
  let screen;
  if (path === '/') screen = <Workbench />;
  else if (path === '/cases') screen = <CaseLedger />;
  else if (caseId) screen = <CasePage key={caseId} id={caseId} />;
  else if (path === '/map') screen = <IncidentMap config={config} />;
  else if (path === '/index') screen = <SafetyIndex />;
  else if (path === '/mediation') screen = <Mediation tab="ledger" />;
  else if (path === '/mediation/reception') screen = <Mediation tab="reception" />;
  else if (mediationId) screen = <MediationPage key={mediationId} id={mediationId} />;
  else if (receptionDayId) screen = <ReceptionDay key={receptionDayId} id={receptionDayId} />;
  else if (path === '/admin') screen = <Admin />;
  else screen = <Workbench />;
  return <Shell>{screen}</Shell>;
}
