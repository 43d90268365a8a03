import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Subscription } from 'rxjs';
import { Namespace, Socket } from 'socket.io';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';

/** Packets that may wait for one socket that is not reading; past it, its connection is closed. */
const MAX_WAITING_PACKETS = 1000;

/**
 * Socket.IO namespace `/inbox`: a `message` event per stored message, as it
 * is stored. A client that does not read is disconnected (its transport
 * closed, so Socket.IO's client reconnects by itself) rather than buffered
 * without bound; after reconnecting it can read what it missed from GET /messages.
 */
@WebSocketGateway({ namespace: '/inbox', cors: { origin: true } })
export class InboxGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(InboxGateway.name);
  @WebSocketServer() private readonly namespace!: Namespace;
  private subscription?: Subscription;

  constructor(private readonly feed: StoredMessagesFeed) {}

  afterInit(): void {
    this.subscription = this.feed.messages$.subscribe((message) => this.broadcast(message));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  // Encoded once for every socket; those not reading are dropped first.
  private broadcast(message: InboxMessageView): void {
    for (const socket of this.namespace.sockets.values()) {
      if (waitingPackets(socket) <= MAX_WAITING_PACKETS) continue;
      this.logger.warn(`Socket ${socket.id} is not reading its events; closing its connection`);
      socket.conn.close();
    }
    this.namespace.emit('message', message);
  }
}

// engine.io keeps what it could not send yet in the connection's write buffer.
function waitingPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}
