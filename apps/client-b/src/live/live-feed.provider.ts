import { RedisConnections } from '@app/redis';
import { Provider } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';
import { liveChannelNames } from './live-channel.names';
import { LiveFeed } from './live.feed';
import { LocalLiveFeed } from './local-live.feed';
import { RedisLiveFeed } from './redis-live.feed';

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
