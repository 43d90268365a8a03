import { FailureTally, RECONNECT_MAX_DELAY_MS, RedisChannel, RedisConnections } from '@app/redis';
import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Observable, Subject, Subscription } from 'rxjs';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';
import { LiveFeed } from './live.feed';

/**
 * The live feed shared by every instance through one Redis channel: this
 * instance publishes what it stores, once each, in its inbox order, and its
 * SSE clients, like every other instance's, get it back from the subscription
 * (never pushed locally as well, so never twice).
 *
 * While Redis is away, messages are still stored; what is lost meanwhile is
 * their live push: publishing fails (logged once per outage) and subscribers
 * hear nothing. When this instance's subscription is back, its streams end, so
 * each EventSource reconnects with its Last-Event-ID and reads what it missed
 * from the database. A publish that failed while the subscriptions stayed up
 * is not noticed: those SSE clients get that message at their next reconnect.
 */
export class RedisLiveFeed extends LiveFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisLiveFeed.name);
  private readonly unpublished = new FailureTally(
    this.logger,
    'Publishing stored messages to Redis',
    'they are stored, but not pushed live to any SSE client until it reconnects',
  );
  private live = new Subject<InboxMessageView>();
  private serving = false;
  private publishing?: Subscription;

  constructor(
    private readonly stored: StoredMessagesFeed,
    private readonly channel: RedisChannel,
    private readonly connections: RedisConnections,
  ) {
    super();
  }

  get messages$(): Observable<InboxMessageView> {
    return this.live.asObservable();
  }

  async onModuleInit(): Promise<void> {
    this.channel.listen(
      (text) => this.received(text),
      () => this.subscribed(),
    );
    if (!(await this.connections.whenReady(this.channel.clients))) {
      this.logger.warn('Redis does not answer yet: SSE clients get live messages once it does');
    }
    this.serving = true;
    this.publishing = this.stored.messages$.subscribe((message) => this.publish(message));
  }

  // Not before: messages stored while the consumer drains at shutdown still reach the other instances.
  onApplicationShutdown(): void {
    this.publishing?.unsubscribe();
    this.live.complete();
  }

  // Not awaited: one connection sends them in order, and Redis passes them on in that order.
  private publish(message: InboxMessageView): void {
    this.channel.publish(JSON.stringify(message)).then(
      () => this.unpublished.succeeded(),
      (error: unknown) => this.unpublished.failed(error),
    );
  }

  private received(text: string): void {
    try {
      this.live.next(JSON.parse(text) as InboxMessageView);
    } catch {
      this.logger.warn(`Ignored a message on ${this.channel.name} that is not JSON`);
    }
  }

  // Back after a lost connection: what was published meanwhile never comes, so every stream
  // ends and its client reads that from the database as it reconnects, once this instance can
  // publish again too (both connections retry at most RECONNECT_MAX_DELAY_MS apart).
  private subscribed(): void {
    if (!this.serving) return;
    void this.connections.whenReady(this.channel.clients, 2 * RECONNECT_MAX_DELAY_MS).then(() => this.endStreams());
  }

  private endStreams(): void {
    const ended = this.live;
    this.live = new Subject<InboxMessageView>();
    ended.complete();
  }
}
