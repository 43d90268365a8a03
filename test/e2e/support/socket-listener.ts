import { waitUntil } from '@app/kafka/testing';
import { io, Socket } from 'socket.io-client';

/** A Socket.IO client of client-b's namespace /inbox that keeps the messageIds it is pushed, in order. */
export class SocketListener {
  readonly messageIds: string[] = [];
  private readonly socket: Socket;

  constructor(baseUrl: string) {
    // No reconnection: a test counts what one connection was pushed.
    this.socket = io(`${baseUrl}/inbox`, { transports: ['websocket'], reconnection: false });
    this.socket.on('message', ({ messageId }: { messageId: string }) => this.messageIds.push(messageId));
  }

  async connected(): Promise<void> {
    await waitUntil(() => this.socket.connected, { description: 'the socket to connect' });
  }

  close(): void {
    this.socket.disconnect();
  }
}
