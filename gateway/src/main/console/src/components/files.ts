/** Saves what the API answered (a PDF, a CSV export) as a file of the browser's downloads. */
export function saveFile(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The file name a Content-Disposition header gives (`attachment; filename="cases-20261205.csv"`), or the fallback. */
export function fileName(response: Response, fallback: string): string {
  return /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
}
