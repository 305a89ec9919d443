import { api, type Schemas } from './api/client';

export type Notice = Schemas['Notice'];

/**
 * The live notice stream (GET /api/v1/me/notices/stream, server-sent events composed by the gateway). Read with fetch,
 * not EventSource, because it needs the bearer token; reopened after a drop with Last-Event-ID so nothing is missed.
 */
export function followNotices(onNotice: (n: Notice) => void, onState: (live: boolean) => void): () => void {
  const stop = new AbortController();
  let lastEventId: string | undefined;
  let delay = 1000;

  const open = async () => {
    while (!stop.signal.aborted) {
      try {
        const { response } = await api.GET('/api/v1/me/notices/stream', {
          params: { header: lastEventId ? { 'Last-Event-ID': lastEventId } : {} },
          parseAs: 'stream',
          signal: stop.signal,
          headers: { Accept: 'text/event-stream' },
        });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        onState(true);
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('id:')) lastEventId = line.slice(3).trim();
              else if (line.startsWith('data:')) data += line.slice(5).trim();
            }
            if (data) onNotice(JSON.parse(data) as Notice);
          }
        }
      } catch {
        if (stop.signal.aborted) return;
      }
      onState(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void open();
  return () => stop.abort();
}
