import { signal } from '@preact/signals';

/** The console's screens live under /console/ in the browser's history; the gateway answers every one with index.html. */
const BASE = '/console';

function current(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return (path || '/') + location.search;
}

export const route = signal<string>(current());

export function navigate(to: string, replace = false) {
  const url = BASE + to;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route.value = current();
  window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  route.value = current();
});

/** The path part of the route, without the query. */
export function routePath(): string {
  return route.value.split('?')[0] ?? '/';
}

export function routeQuery(): URLSearchParams {
  return new URLSearchParams(route.value.split('?')[1] ?? '');
}

/** A link inside the console: a real href (open in a new tab works), handled in place on a plain click. */
export function linkProps(to: string) {
  return {
    href: BASE + to,
    onClick: (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(to);
    },
  };
}
