import { RedisChannel, RedisConnections } from '@app/redis';
import { InboxMessageView, encodeInboxCursor } from '../inbox/inbox-message.view';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';
import { RedisLiveFeed, liveChannelNames } from './live.feed';

const view = (letter: string): InboxMessageView =>
  ({
    messageId: letter,
    message: letter,
    cursor: encodeInboxCursor({ receivedAt: new Date(1), id: `inbox:${letter.repeat(8)}-0000-4000-8000-000000000000` }),
  }) as InboxMessageView;

/** A channel whose Redis is the test: it records what is published and delivers what the test says. */
class FakeChannel {
  readonly name = 'ns.client-b:clientB:stored-messages';
  readonly clients = [];
  readonly published: string[] = [];
  deliver: (text: string) => void = () => undefined;
  subscribed: () => void = () => undefined;

  listen(onMessage: (text: string) => void, onSubscribed: () => void): void {
    this.deliver = onMessage;
    this.subscribed = onSubscribed;
  }

  async publish(text: string): Promise<void> {
    this.published.push(text);
  }
}

const connections = { whenReady: async () => true } as unknown as RedisConnections;

async function startedFeed(): Promise<{ feed: RedisLiveFeed; stored: StoredMessagesFeed; channel: FakeChannel }> {
  const stored = new StoredMessagesFeed();
  const channel = new FakeChannel();
  const feed = new RedisLiveFeed(stored, channel as unknown as RedisChannel, connections);
  await feed.onModuleInit();
  return { feed, stored, channel };
}

describe(RedisLiveFeed.name, () => {
  it('should publish each stored message once, in order, and push only what the channel brings back', async () => {
    // Arrange
    const { feed, stored, channel } = await startedFeed();
    const pushed: string[] = [];
    feed.messages$.subscribe(({ messageId }) => pushed.push(messageId));

    // Act
    stored.openSlot().fill([view('a'), view('b')]);
    const pushedBeforeRedis = [...pushed];
    channel.published.forEach((text) => channel.deliver(text));

    // Assert
    expect(channel.published.map((text) => (JSON.parse(text) as InboxMessageView).messageId)).toEqual(['a', 'b']);
    expect(pushedBeforeRedis).toEqual([]);
    expect(pushed).toEqual(['a', 'b']);
  });

  it('should end its subscribers when the subscription is back after a lost connection, and carry on for new ones', async () => {
    // Arrange
    const { feed, channel } = await startedFeed();
    let ended = false;
    feed.messages$.subscribe({ complete: () => (ended = true) });

    // Act
    channel.subscribed();
    await new Promise((resolve) => setImmediate(resolve));
    const pushed: string[] = [];
    feed.messages$.subscribe(({ messageId }) => pushed.push(messageId));
    channel.deliver(JSON.stringify(view('c')));

    // Assert
    expect(ended).toBe(true);
    expect(pushed).toEqual(['c']);
  });

  it('should skip what is not JSON when the channel brings it', async () => {
    // Arrange
    const { feed, channel } = await startedFeed();
    const pushed: string[] = [];
    feed.messages$.subscribe(({ messageId }) => pushed.push(messageId));

    // Act
    channel.deliver('not json');
    channel.deliver(JSON.stringify(view('d')));

    // Assert
    expect(pushed).toEqual(['d']);
  });
});

describe(liveChannelNames.name, () => {
  it.each([
    { namespace: '', inbox: 'clientB', stored: 'client-b:clientB:stored-messages', key: 'client-b:clientB:socket.io' },
    {
      namespace: 'e2e-1a2b3c4d.',
      inbox: 'clientB',
      stored: 'e2e-1a2b3c4d.client-b:clientB:stored-messages',
      key: 'e2e-1a2b3c4d.client-b:clientB:socket.io',
    },
    {
      namespace: 'staging.',
      inbox: 'clientC',
      stored: 'staging.client-b:clientC:stored-messages',
      key: 'staging.client-b:clientC:socket.io',
    },
  ])(
    'should name $stored and $key for namespace "$namespace" and inbox $inbox',
    ({ namespace, inbox, stored, key }) => {
      // Act
      const names = liveChannelNames(namespace, inbox);

      // Assert
      expect(names).toEqual({ storedMessages: stored, socketIoKey: key });
    },
  );
});
