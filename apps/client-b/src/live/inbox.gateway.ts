import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Subscription } from 'rxjs';
import { ExtendedError, Namespace, Socket } from 'socket.io';
import { bearerTokenOf } from '../access/bearer-token';
import { InboxAccess } from '../access/inbox.guard';
import { ClientBEnvironment } from '../config/client-b.environment';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';
import { RETRY_AFTER_SECONDS } from './sse-connection-limit.guard';

/** Packets that may wait for one socket that is not reading; past it, its connection is closed. */
const MAX_WAITING_PACKETS = 1000;

/**
 * Socket.IO namespace `/inbox`: a `message` event per stored message, as it
 * is stored. This instance broadcasts what it stores; with the Redis adapter
 * (REDIS_URL set) the broadcast reaches the sockets of every instance, once
 * each and in this instance's order. A client that does not read is
 * disconnected (its transport closed, so Socket.IO's client reconnects by
 * itself) rather than buffered without bound, whichever instance's broadcast
 * fills its buffer; after reconnecting it can read what it missed from GET /messages.
 * With INBOX_TOKEN set, the handshake must carry it (`auth: { token }`, or an
 * Authorization: Bearer header); others are refused before they join. At
 * most SOCKET_MAX_CONNECTIONS sockets on this instance: one more is refused
 * at its handshake with `unavailable: …` and `data.retryAfterSeconds`. The
 * default namespace `/` takes no connection at all (it has no token check).
 */
@WebSocketGateway({ namespace: '/inbox', cors: { origin: true } })
export class InboxGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger(InboxGateway.name);
  @WebSocketServer() private readonly namespace!: Namespace;
  private subscription?: Subscription;
  private readonly maxSockets: number;
  private admitting = 0;

  constructor(
    private readonly feed: StoredMessagesFeed,
    private readonly access: InboxAccess,
    env: ClientBEnvironment,
  ) {
    this.maxSockets = env.SOCKET_MAX_CONNECTIONS;
  }

  afterInit(): void {
    this.namespace.server
      .of('/')
      .use((_socket, next) => next(refusal('not found: connect to the /inbox namespace', 'NOT_FOUND')));
    // The handshake is where a socket is let in or not: `auth: { token }` from a browser, or a bearer header.
    this.namespace.use((socket, next) => {
      const check = this.access.check(handshakeToken(socket));
      if (check === 'missing') return next(refusal('unauthorized: INBOX_TOKEN is required', 'UNAUTHORIZED'));
      if (check === 'wrong') return next(refusal('forbidden: the token is not INBOX_TOKEN', 'FORBIDDEN'));
      if (!this.admit()) {
        const message = `unavailable: this instance serves its most sockets at once (SOCKET_MAX_CONNECTIONS=${this.maxSockets}), try again in ${RETRY_AFTER_SECONDS} s`;
        return next(refusal(message, 'UNAVAILABLE', { retryAfterSeconds: RETRY_AFTER_SECONDS }));
      }
      next();
    });
    // Encoded once for every socket (and published once to the other instances).
    this.subscription = this.feed.messages$.subscribe((message: InboxMessageView) =>
      this.namespace.emit('message', message),
    );
  }

  // Socket.IO adds an admitted socket to `sockets` a tick later (or drops it if it left meanwhile):
  // until then it counts as admitting, so a burst of handshakes cannot overshoot the cap.
  private admit(): boolean {
    if (this.namespace.sockets.size + this.admitting >= this.maxSockets) return false;
    this.admitting += 1;
    setImmediate(() => (this.admitting -= 1));
    return true;
  }

  // Broadcasts from other instances do not pass through afterInit's subscription: each socket watches its own buffer.
  handleConnection(socket: Socket): void {
    socket.conn.on('packetCreate', () => {
      if (waitingPackets(socket) < MAX_WAITING_PACKETS) return;
      this.logger.warn(`Socket ${socket.id} is not reading its events; closing its connection`);
      socket.conn.close();
    });
  }

  // Not before: messages stored while the consumer drains at shutdown still reach the other instances' sockets.
  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}

// What the client's connect_error carries: `message`, and `data` with a code (and when to try again).
function refusal(message: string, code: string, data: Record<string, unknown> = {}): ExtendedError {
  return Object.assign(new Error(message), { data: { code, ...data } });
}

function handshakeToken(socket: Socket): string | undefined {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : bearerTokenOf(socket.handshake.headers.authorization);
}

// engine.io keeps what it could not send yet in the connection's write buffer.
function waitingPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}
