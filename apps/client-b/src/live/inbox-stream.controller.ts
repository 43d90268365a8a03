import { Controller, Headers, MessageEvent, Sse, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { endWith, ignoreElements, interval, map, merge, Observable, share, takeUntil } from 'rxjs';
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
 * `heartbeat` events keep proxies from closing an idle stream. The stream ends
 * when the live feed may have missed messages, so the client comes back for them.
 * With INBOX_TOKEN set, the token comes as a bearer header or, for EventSource
 * (which cannot send headers), as `?access_token=`.
 */
@ApiTags('inbox')
@Controller('messages')
@UseGuards(InboxGuard)
export class InboxStreamController {
  constructor(
    private readonly stream: InboxStream,
    private readonly env: ClientBEnvironment,
  ) {}

  @Sse('stream', { maxPendingDataLength: MAX_PENDING_EVENT_CHARACTERS })
  @ApiOperation({
    summary: 'Server-Sent Events: each message once it is stored',
    description:
      '`event: message`, `id: <cursor>`, `data: <the message as GET /messages shows it>`; `event: heartbeat` every ' +
      'SSE_HEARTBEAT_MS. A client that leaves 1 MB of events unread is dropped (its EventSource reconnects).',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Sent by a reconnecting EventSource: what was stored after that cursor comes first, then the live stream',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless event stream',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'event: message\nid: <cursor>\ndata: {"messageId":"…"}\n\n' } } },
  })
  @TokenInQuery()
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
