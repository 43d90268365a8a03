import { ApiErrorResponses, RequestValidationError } from '@app/http';
import { Controller, Headers, MessageEvent, Sse, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  catchError,
  endWith,
  ignoreElements,
  interval,
  map,
  merge,
  Observable,
  of,
  share,
  takeUntil,
  throwError,
} from 'rxjs';
import { InboxGuard } from '../access/inbox.guard';
import { ClientBEnvironment } from '../config/client-b.environment';
import { InboxMessageView, decodeInboxCursor, InboxPosition } from '../inbox/inbox-message.view';
import { InboxStream, REPLAY_BUDGET, ReplayCutShortError } from './inbox.stream';
import { SseConnectionLimitGuard } from './sse-connection-limit.guard';

// Every subscriber gets the same message object: it is turned into JSON once, not once per client.
const SERIALIZED = new WeakMap<InboxMessageView, string>();
function serialized(message: InboxMessageView): string {
  let json = SERIALIZED.get(message);
  if (json === undefined) SERIALIZED.set(message, (json = JSON.stringify(message)));
  return json;
}

/** Event data a client that does not read may leave waiting before it is dropped (and reconnects). */
const MAX_PENDING_EVENT_CHARACTERS = 1024 * 1024;

/** The last event of a stream whose replay was cut short: read the inbox from GET /messages instead. */
const RELOAD_EVENT = 'reload';

/**
 * GET /messages/stream: Server-Sent Events, one `message` event per stored
 * message with its cursor as `id`. A client that reconnects sends the last id
 * it got (Last-Event-ID) and first receives what was stored since, up to
 * REPLAY_BUDGET; past it, a `reload` event ends the stream. `heartbeat`
 * events keep proxies from closing an idle stream. The stream ends when the
 * live feed may have missed messages, so the client comes back for them.
 * With INBOX_TOKEN set, the token comes as a bearer header, never in the URL.
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
  @UseGuards(SseConnectionLimitGuard)
  @ApiOperation({
    summary: 'Server-Sent Events: each message once it is stored',
    description:
      '`event: message`, `id: <cursor>`, `data: <the message as GET /messages shows it>`; `event: heartbeat` every ' +
      'SSE_HEARTBEAT_MS. A client that leaves 1 MB of events unread is dropped (its EventSource reconnects). ' +
      `A replay from Last-Event-ID brings at most ${REPLAY_BUDGET.maxMessages} messages or ${REPLAY_BUDGET.maxBytes} bytes; ` +
      'when more were stored since, the stream ends with `event: reload` (no id): reconnecting with the same ' +
      'Last-Event-ID brings the next part, or the client reloads the inbox from GET /messages and opens the stream without one.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Sent by a reconnecting client: what was stored after that cursor comes first, then the live stream',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless event stream',
    content: {
      'text/event-stream': {
        schema: { type: 'string', example: 'event: message\nid: <cursor>\ndata: {"messageId":"…"}\n\n' },
      },
    },
  })
  @ApiErrorResponses({
    400: 'Last-Event-ID is not the id of an event of this stream (`fields` names it)',
    503: 'This instance serves SSE_MAX_CONNECTIONS streams already; `Retry-After` says when to try again',
  })
  events(@Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const messages = this.stream.messages(positionOf(lastEventId)).pipe(
      map((message): MessageEvent => ({ type: 'message', id: message.cursor, data: serialized(message) })),
      catchError((error: unknown) =>
        error instanceof ReplayCutShortError ? of(reloadEvent(error)) : throwError(() => error),
      ),
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

// An empty header is an EventSource's first connection; anything else must be one of our cursors.
function positionOf(lastEventId: string | undefined): InboxPosition | undefined {
  if (lastEventId === undefined || lastEventId === '') return undefined;
  const position = decodeInboxCursor(lastEventId);
  if (position) return position;
  throw new RequestValidationError(
    [{ field: 'Last-Event-ID', reasons: ['must be the id of a message event of this stream'] }],
    'Invalid header: Last-Event-ID',
  );
}

function reloadEvent(error: ReplayCutShortError): MessageEvent {
  return { type: RELOAD_EVENT, data: JSON.stringify({ reason: error.message, reload: '/messages' }) };
}
