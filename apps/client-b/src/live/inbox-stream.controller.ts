import { Controller, Headers, MessageEvent, Sse } from '@nestjs/common';
import { endWith, ignoreElements, interval, map, merge, Observable, share, takeUntil } from 'rxjs';
import { ClientBEnvironment } from '../config/client-b.environment';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { InboxStream } from './inbox.stream';

// Every subscriber gets the same message object: it is turned into JSON once, not once per client.
const SERIALIZED = new WeakMap<InboxMessageView, string>();
function serialized(message: InboxMessageView): string {
  let json = SERIALIZED.get(message);
  if (json === undefined) SERIALIZED.set(message, (json = JSON.stringify(message)));
  return json;
}

/** Event data a client that does not read may leave waiting before it is dropped (and reconnects). */
const MAX_PENDING_EVENT_CHARACTERS = 1024 * 1024;

/**
 * GET /messages/stream: Server-Sent Events, one `message` event per stored
 * message with its cursor as `id`. An EventSource that reconnects sends the
 * last id it got (Last-Event-ID) and first receives what was stored since.
 * `heartbeat` events keep proxies from closing an idle stream. The stream ends
 * when the live feed may have missed messages, so the client comes back for them.
 */
@Controller('messages')
export class InboxStreamController {
  constructor(
    private readonly stream: InboxStream,
    private readonly env: ClientBEnvironment,
  ) {}

  @Sse('stream', { maxPendingDataLength: MAX_PENDING_EVENT_CHARACTERS })
  events(@Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const messages = this.stream.messages(lastEventId || undefined).pipe(
      map((message): MessageEvent => ({ type: 'message', id: message.cursor, data: serialized(message) })),
      share(),
    );
    const ended = messages.pipe(ignoreElements(), endWith(true));
    const heartbeats = interval(this.env.SSE_HEARTBEAT_MS).pipe(
      map((): MessageEvent => ({ type: 'heartbeat', data: '' })),
      takeUntil(ended),
    );
    return merge(messages, heartbeats);
  }
}
