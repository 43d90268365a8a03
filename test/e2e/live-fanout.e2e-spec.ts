import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecords } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ownedPartitions, waitForOwner, waitForSettledGroup } from './support/partition-owners';
import { ServiceProcess } from './support/service.process';
import { SocketListener } from './support/socket-listener';
import { SseReader } from './support/sse-reader';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(120_000);

const INSTANCES = 3;
const PARTITIONS = 6;
const FIRST_BATCH = 40;
const SECOND_BATCH = 40;

interface Instance {
  service: ServiceProcess;
  url: string;
  sse: SseReader;
  socket: SocketListener;
}

const ssePushed = (instance: Instance) =>
  instance.sse.ofType('message').map((event) => (JSON.parse(event.data) as { messageId: string }).messageId);

/**
 * Three client-b instances in one group share a Redis. Records are keyed by
 * recipient, so every message for clientB is on one partition and stored by
 * whichever instance owns it; that owner is stopped halfway and another takes
 * the partition over. Every SSE and Socket.IO client, on every instance, must
 * get every message stored while it was connected, once, in the inbox's order.
 */
describe('live push across client-b instances through Redis', () => {
  const system = new MessagingSystem(
    { REDIS_URL: testEnvironment().redisUrl, KAFKA_SESSION_TIMEOUT_MS: '10000' },
    { partitions: PARTITIONS },
  );
  const instances: Instance[] = [];
  const urls = () => instances.map(({ url }) => url);

  beforeAll(async () => {
    await system.open();
    for (let i = 0; i < INSTANCES; i += 1) {
      const { service, url } = await system.start('client-b');
      instances.push({ service, url, sse: new SseReader(`${url}/messages/stream`), socket: new SocketListener(url) });
    }
    await waitForSettledGroup(urls(), system.topics.messages, PARTITIONS);
    for (const { sse, socket } of instances) {
      expect(await sse.open()).toBe(200);
      await socket.connected();
    }
  });

  afterAll(async () => {
    instances.forEach(({ socket }) => socket.close());
    await Promise.all(instances.map(({ sse }) => sse.close()));
    await system.close();
  });

  it('should push every stored message once to every client of every instance, in the storing instance order, across a change of owner', async () => {
    const startedAt = Date.now();
    const first = clientMessageRecords(FIRST_BATCH, 'first owner');
    await system.kafka.produce(system.topics.messages, first);
    const [{ partition }] = await system.kafka.readRecords(system.topics.messages, FIRST_BATCH);
    await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n === FIRST_BATCH), {
      description: 'the first batch stored',
    });
    const firstOwner = instances[await waitForOwner(urls(), system.topics.messages, partition)];
    await waitUntil(
      () =>
        instances.every(
          (instance) => ssePushed(instance).length >= FIRST_BATCH && instance.socket.messageIds.length >= FIRST_BATCH,
        ),
      {
        description: `${FIRST_BATCH} pushes to every client`,
      },
    );

    // A deploy: the owner drains, leaves the group, and another instance takes the partition over.
    // Nest re-raises the signal once its shutdown hooks ran, so the process ends "by SIGTERM".
    expect([0, 'SIGTERM']).toContain(await firstOwner.service.stop('SIGTERM'));
    expect(firstOwner.service.logs).toContain('Consumer stopped cleanly');
    const survivors = instances.filter((instance) => instance !== firstOwner);
    const secondOwner =
      survivors[
        await waitForOwner(
          survivors.map(({ url }) => url),
          system.topics.messages,
          partition,
        )
      ];
    const second = clientMessageRecords(SECOND_BATCH, 'second owner');
    await system.kafka.produce(system.topics.messages, second);
    await waitUntil(
      () =>
        survivors.every(
          (instance) =>
            ssePushed(instance).length >= FIRST_BATCH + SECOND_BATCH &&
            instance.socket.messageIds.length >= FIRST_BATCH + SECOND_BATCH,
        ),
      { description: `${FIRST_BATCH + SECOND_BATCH} pushes to every client of the two instances left` },
    );
    console.log(
      `live fan-out: ${FIRST_BATCH + SECOND_BATCH} messages, ${survivors.length * 2 + 2} clients on ${INSTANCES} instances, owner changed once, ${Date.now() - startedAt} ms`,
    );

    const order = await system.store.inboxOrder();
    expect(order.length).toBe(FIRST_BATCH + SECOND_BATCH);
    // Which instance stored which message: the first owner the first batch, the second the second.
    const storedBy = (instance: Instance, ids: { messageId: string }[]) =>
      ids.every(({ messageId }) => instance.service.countLines(`Message saved ${messageId}`) === 1);
    expect(storedBy(firstOwner, first)).toBe(true);
    expect(storedBy(secondOwner, second)).toBe(true);
    expect(order.slice(0, FIRST_BATCH).sort()).toEqual(first.map(({ messageId }) => messageId).sort());
    // The stopped owner's clients were pushed what was stored while they were connected; the others all of it.
    expect(ssePushed(firstOwner)).toEqual(order.slice(0, FIRST_BATCH));
    expect(firstOwner.socket.messageIds).toEqual(order.slice(0, FIRST_BATCH));
    for (const instance of survivors) {
      expect(ssePushed(instance)).toEqual(order);
      expect(instance.socket.messageIds).toEqual(order);
    }
    expect(await ownedPartitions(secondOwner.url, system.topics.messages)).toContain(partition);
  });
});
