import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import { dueLevel } from '../deadlines';
import { formatTime, t, tv } from '../i18n';

export function Loading() {
  return (
    <p class="muted" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const detail =
    error instanceof ApiError ? error.message : error instanceof TypeError ? t('error.network') : String(error);
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <div class="alert alert-error" role="alert">
      <strong>{t('error.title')}</strong> {detail}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              {f.field}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

/** A deadline in its colour, with its words too (colour is never the only signal). */
export function Due({ dueAt, overdue }: { dueAt?: string | null; overdue?: boolean }) {
  const level = dueLevel(dueAt, overdue);
  const label =
    level === 'overdue' ? t('due.overdue') : level === 'soon' ? t('due.soon') : level === 'ok' ? t('due.ok') : t('due.none');
  return (
    <span class={`due due-${level}`} title={label} data-due={level}>
      <span class="due-dot" aria-hidden="true" />
      {dueAt ? formatTime(dueAt) : t('due.none')}
      <span class="sr-only"> ({label})</span>
    </span>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A workbench count (due today, due in 3 days, overdue) in its deadline colour. */
export function Count({ label, value, kind, testid }: { label: string; value?: number; kind: string; testid: string }) {
  return (
    <div class={`count count-${kind}`} data-testid={testid}>
      <span class="count-value">{value ?? '…'}</span>
      <span class="count-label">{label}</span>
    </div>
  );
}

/** A list filter over one of the API's enums: "any", then each value in words (the i18n keys `{words}.{value}`). */
export function EnumFilter<V extends string>(props: {
  name: string;
  label: string;
  value: V | undefined;
  values: readonly V[];
  words: string;
  onChange: (value: V | '') => void;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value ?? ''} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as V | '')}>
        <option value="">{t('ledger.any')}</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {tv(props.words, v)}
          </option>
        ))}
      </select>
    </label>
  );
}
