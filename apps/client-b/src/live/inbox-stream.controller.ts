import { Controller, Headers, MessageEvent, Sse, UseGuards } from '@nestjs/common';
import { interval, map, merge, Observable } from 'rxjs';
import { InboxGuard } from '../access/inbox.guard';
import { TokenInQuery } from '../access/token-in-query.decorator';
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
 * `heartbeat` events keep proxies from closing an idle stream. With INBOX_TOKEN set, the
 * token comes as a bearer header or, for EventSource (which cannot send headers), as
 * `?access_token=`.
 */
@Controller('messages')
@UseGuards(InboxGuard)
export class InboxStreamController {
  constructor(
    private readonly stream: InboxStream,
    private readonly env: ClientBEnvironment,
  ) {}

  @Sse('stream', { maxPendingDataLength: MAX_PENDING_EVENT_CHARACTERS })
  @TokenInQuery()
  events(@Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const messages = this.stream
      .messages(lastEventId || undefined)
      .pipe(map((message): MessageEvent => ({ type: 'message', id: message.cursor, data: serialized(message) })));
    const heartbeats = interval(this.env.SSE_HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: '' })));
    return merge(messages, heartbeats);
  }
}
