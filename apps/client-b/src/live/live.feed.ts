import { Observable, Subject, Subscription } from 'rxjs';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { FailureTally, RECONNECT_MAX_DELAY_MS, RedisChannel, RedisConnections } from '@app/redis';
import { Logger, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';
import { ClientBEnvironment } from '../config/client-b.environment';

/**
 * This deployment's names in Redis: under its topic namespace and its inbox
 * address, so environments (and tests) that share one Redis never hear each
 * other, as they never read each other's topics.
 */
export function liveChannelNames(
  topicNamespace: string,
  inboxAddress: string,
): { storedMessages: string; socketIoKey: string } {
  const base = `${topicNamespace}client-b:${inboxAddress}`;
  return { storedMessages: `${base}:stored-messages`, socketIoKey: `${base}:socket.io` };
}

/**
 * What this instance's SSE clients are pushed: every stored message, in the
 * storing instance's order. It completes for its subscribers when messages
 * may have been missed (a lost Redis subscription): a stream then ends, and
 * its EventSource comes back with its Last-Event-ID to read them from the database.
 */
export abstract class LiveFeed {
  abstract readonly messages$: Observable<InboxMessageView>;
}

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

/** Without Redis: what this instance stores, straight from its own feed (one instance sees everything). */
export class LocalLiveFeed extends LiveFeed {
  constructor(private readonly stored: StoredMessagesFeed) {
    super();
  }

  get messages$(): Observable<InboxMessageView> {
    return this.stored.messages$;
  }
}

/** Through Redis when REDIS_URL is set (every instance's stored messages), else this instance's own. */
export const liveFeedProvider: Provider = {
  provide: LiveFeed,
  useFactory: (connections: RedisConnections, stored: StoredMessagesFeed, env: ClientBEnvironment): LiveFeed => {
    if (!connections.enabled) return new LocalLiveFeed(stored);
    const { storedMessages } = liveChannelNames(env.KAFKA_TOPIC_NAMESPACE, env.INBOX_ADDRESS);
    return new RedisLiveFeed(stored, connections.channel(storedMessages), connections);
  },
  inject: [RedisConnections, StoredMessagesFeed, ClientBEnvironment],
};
