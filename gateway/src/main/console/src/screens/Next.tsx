import { t, type MessageKey } from '../i18n';

/** A screen of the next release (console.md's map, index, mediation and administration). */
export function Next({ screen }: { screen: MessageKey }) {
  return (
    <main id="main" class="page">
      <h1>{t('next.title', { screen: t(screen) })}</h1>
      <p class="card">{t('next.body')}</p>
    </main>
  );
}
