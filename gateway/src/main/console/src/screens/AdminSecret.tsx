import { useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * A secret the API shows once (a partner's API key, a webhook's signing secret): shown with a copy button until the
 * person says it is stored; after that the console has no copy of it either.
 */
export function Secret({ title, secret, testid, onDone }: { title: string; secret: string; testid: string; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // no clipboard permission (an insecure origin, a browser's setting): the text is selectable all the same
      setCopied(false);
    }
  };
  return (
    <section class="card secret" role="alertdialog" aria-labelledby={`${testid}-title`} data-testid={testid}>
      <h2 id={`${testid}-title`}>{title}</h2>
      <p class="alert alert-warn">{t('adm.secret.once')}</p>
      <div class="secret-row">
        <input class="mono" readOnly value={secret} aria-label={title} data-testid={`${testid}-value`} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        <button type="button" class="btn" onClick={copy}>{t('adm.secret.copy')}</button>
      </div>
      {copied === true && <p class="small alert-ok" role="status">{t('adm.secret.copied')}</p>}
      {copied === false && <p class="small" role="status">{t('adm.secret.copyManually')}</p>}
      <button type="button" class="btn btn-primary" data-action="secret-stored" onClick={onDone}>{t('adm.secret.stored')}</button>
    </section>
  );
}
