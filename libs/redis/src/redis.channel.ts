import type Redis from 'ioredis';

/**
 * One pub/sub channel: published on a command connection, heard on a
 * subscriber connection. Redis passes a subscriber the messages of one
 * publishing connection in the order they were published, each once.
 */
export class RedisChannel {
  constructor(
    readonly name: string,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {}

  get clients(): Redis[] {
    return [this.publisher, this.subscriber];
  }

  /** Resolves once Redis took the message; rejects at once while disconnected, else within the command timeout. */
  async publish(text: string): Promise<void> {
    await this.publisher.publish(this.name, text);
  }

  /**
   * From now on, `onMessage` gets every message published on the channel (this
   * instance's own included), and `onSubscribed` is called each time the
   * subscriber connection is ready: at first, and after each reconnect, when
   * what was published while it was away will never come.
   */
  listen(onMessage: (text: string) => void, onSubscribed: () => void): void {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.name) onMessage(text);
    });
    this.subscriber.on('ready', onSubscribed);
    // Waits for the connection if need be, then is made again after each reconnect;
    // a failure here is the connection's, which logs it.
    this.subscriber.subscribe(this.name).catch(() => undefined);
  }
}
