import { render } from 'preact';
import { App } from './App';
import { loadConfig } from './config';
import { completeOidcSignIn, isOidcCallback } from './session';
import { navigate } from './router';
import './styles.css';

async function boot() {
  const root = document.getElementById('app')!;
  const config = await loadConfig();
  if (isOidcCallback() && config.oidc) {
    navigate((await completeOidcSignIn(config.oidc)).slice('/console'.length) || '/', true);
  }
  render(<App config={config} />, root);
}

boot().catch((e: unknown) => {
  document.getElementById('app')!.textContent = `The console could not start: ${String(e)}`;
});
