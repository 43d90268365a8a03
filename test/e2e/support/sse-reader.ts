import { waitUntil } from '@app/kafka/testing';

export interface SseEvent {
  readonly type: string;
  readonly id?: string;
  readonly data: string;
}

/** A raw Server-Sent-Events client: reads a stream's events as they come, like an EventSource. */
export class SseReader {
  readonly events: SseEvent[] = [];
  private readonly abort = new AbortController();
  private done?: Promise<void>;
  private endedByServer = false;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async open(): Promise<number> {
    const response = await fetch(this.url, {
      headers: { accept: 'text/event-stream', ...this.headers },
      signal: this.abort.signal,
    });
    if (!response.body) return response.status;
    const reader = response.body.getReader();
    this.done = this.read(reader).catch(() => undefined);
    return response.status;
  }

  /** Whether the server ended the stream (an EventSource would reconnect then). */
  get ended(): boolean {
    return this.endedByServer;
  }

  /** Events of one type, in arrival order. */
  ofType(type: string): SseEvent[] {
    return this.events.filter((event) => event.type === type);
  }

  async waitFor(type: string, count: number, timeoutMs = 30_000): Promise<SseEvent[]> {
    await waitUntil(() => this.ofType(type).length >= count, { timeoutMs, description: `${count} "${type}" events` });
    return this.ofType(type);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        this.endedByServer = true;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.events.push(parseEvent(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
  }
}

function parseEvent(block: string): SseEvent {
  let type = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    const [field, ...rest] = line.split(':');
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return { type, id, data: data.join('\n') };
}
