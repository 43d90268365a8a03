import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Subscription } from 'rxjs';
import { Namespace, Socket } from 'socket.io';
import { bearerTokenOf } from '../access/bearer-token';
import { InboxAccess } from '../access/inbox.access';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';

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
 * Authorization: Bearer header); others are refused before they join.
 */
@WebSocketGateway({ namespace: '/inbox', cors: { origin: true } })
export class InboxGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger(InboxGateway.name);
  @WebSocketServer() private readonly namespace!: Namespace;
  private subscription?: Subscription;

  constructor(
    private readonly feed: StoredMessagesFeed,
    private readonly access: InboxAccess,
  ) {}

  afterInit(): void {
    // The handshake is where a socket is let in or not: `auth: { token }` from a browser, or a bearer header.
    this.namespace.use((socket, next) => {
      const check = this.access.check(handshakeToken(socket));
      if (check === 'open' || check === 'allowed') return next();
      next(new Error(check === 'missing' ? 'unauthorized: INBOX_TOKEN is required' : 'forbidden: the token is not INBOX_TOKEN'));
    });
    // Encoded once for every socket (and published once to the other instances).
    this.subscription = this.feed.messages$.subscribe((message: InboxMessageView) => this.namespace.emit('message', message));
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

function handshakeToken(socket: Socket): string | undefined {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : bearerTokenOf(socket.handshake.headers.authorization);
}

// engine.io keeps what it could not send yet in the connection's write buffer.
function waitingPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}
