import { useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import { t } from '../i18n';
import { fileName, saveFile } from './files';
import { ErrorBox } from './common';

/** The most rows an export holds (console-api-design.md §1): a file this long was cut there. */
export const CSV_MAX_ROWS = 100_000;

/** The data rows of an RFC 4180 file (header row excluded): line ends inside quoted fields do not count. */
export function csvRows(text: string): number {
  let records = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) records++;
  }
  // a last record without its line end counts too
  const body = text.replace(/^\uFEFF/, '');
  if (body.length > 0 && !body.endsWith('\n')) records++;
  return Math.max(0, records - 1);
}

/**
 * "Export CSV": the list with the filters the screen shows, asked for as text/csv through the typed client and saved
 * under the name the API gives it; a file of {@link CSV_MAX_ROWS} rows is said to be capped.
 */
export function CsvExport({ load, fallbackName }: {
  load: () => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  fallbackName: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [capped, setCapped] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    setCapped(false);
    try {
      const result = await load();
      const blob = unwrap(result) as Blob;
      setCapped(csvRows(await blob.text()) >= CSV_MAX_ROWS);
      saveFile(blob, fileName(result.response, fallbackName));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="csv-export">
      <button type="button" class="btn" data-action="export-csv" disabled={busy} onClick={run}>
        {busy ? t('csv.busy') : t('csv.export')}
      </button>
      {capped && <span class="alert alert-warn small" role="status" data-testid="csv-capped">{t('csv.capped', { n: CSV_MAX_ROWS.toLocaleString() })}</span>}
      {error != null && <ErrorBox error={error} />}
    </span>
  );
}
