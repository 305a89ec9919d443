import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/** A page of a cursor list (conventions.md: `{items, nextCursor}`). */
export interface KeysetPage<T> {
  items?: T[];
  nextCursor?: string | null;
}

/**
 * Keyset paging over a list of the API, as the case ledger pages: the cursors of the pages before this one are kept so
 * "previous" goes back exactly; a change of `key` (the filters) starts again at the first page.
 */
export function useKeyset<T>(key: string, load: (cursor: string | undefined) => Promise<KeysetPage<T>>) {
  // the cursors belong to the filters they were handed out for: other filters start at the first page at once, so no
  // request ever pairs new filters with an old cursor
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = paging.key === key ? paging.cursors : [undefined];
  const setCursors = (next: (string | undefined)[]) => setPaging({ key, cursors: next });
  const [page, setPage] = useState<KeysetPage<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let current = true;
    setError(null);
    load(cursor).then(
      (p) => current && setPage(p),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [key, cursor, attempt]);

  return {
    page,
    error,
    items: page?.items ?? [],
    /** Loads the current page again (after a change made on it). */
    reload: () => setAttempt((a) => a + 1),
    pager: (
      <nav class="pager" aria-label={t('keyset.pages')}>
        <button type="button" class="btn" disabled={cursors.length < 2} onClick={() => setCursors([undefined])}>
          {t('common.first')}
        </button>
        <button type="button" class="btn" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('common.prev')}
        </button>
        <button type="button" class="btn" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}>
          {t('common.more')}
        </button>
      </nav>
    ),
  };
}
