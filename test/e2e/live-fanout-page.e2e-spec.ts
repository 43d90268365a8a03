import { waitUntil } from '@app/kafka/testing';
import { Browser, Page } from 'playwright-core';
import { launchChromium, PageElement } from './support/browser';
import { clientMessageRecord, clientMessageRecords } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ownedPartitions, waitForOwner, waitForSettledGroup } from './support/partition-owners';
import { ServiceProcess } from './support/service.process';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(120_000);

const PARTITIONS = 6;
// 60 in all: more than the page's first load shows (50), so the page can only hold them all from pushes.
const BATCH = 30;

interface Instance {
  service: ServiceProcess;
  url: string;
  /** Whether a look at its readiness ever found it owning clientB's partition. */
  everOwned: boolean;
}

/**
 * The live inbox page in a real browser, on client-b instances that do not
 * store the messages: clientB's partition is owned by a third instance, which
 * is stopped halfway, so another takes it over. Pages on the two instances
 * that did not own it at first must show every message, once.
 */
describe('the live inbox page on an instance that does not store the messages', () => {
  const system = new MessagingSystem(
    { REDIS_URL: testEnvironment().redisUrl, KAFKA_SESSION_TIMEOUT_MS: '10000' },
    { partitions: PARTITIONS },
  );
  const instances: Instance[] = [];
  let browser: Browser;
  let partition: number;

  beforeAll(async () => {
    await system.open();
    for (let i = 0; i < 3; i += 1) instances.push({ ...(await system.start('client-b')), everOwned: false });
    await waitForSettledGroup(
      instances.map(({ url }) => url),
      system.topics.messages,
      PARTITIONS,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system.close();
  });

  // Who owns clientB's partition now, as each instance's readiness says; remembered for the end.
  async function lookAtOwners(): Promise<void> {
    for (const instance of instances) {
      if ((await ownedPartitions(instance.url, system.topics.messages)).includes(partition)) instance.everOwned = true;
    }
  }

  async function openPage(url: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.locator('#connection[data-state="live"]').waitFor();
    return page;
  }

  const shownIds = (page: Page) =>
    page
      .locator('#inbox li')
      .evaluateAll((items: PageElement[]) => items.map((item) => item.getAttribute('data-message-id')!));

  it('should show every message stored by the two owners, before and after a SIGTERM, once each', async () => {
    // The first message tells which partition holds clientB's records, and so who owns it.
    const first = clientMessageRecord({ message: 'where is clientB' });
    await system.kafka.produce(system.topics.messages, [first]);
    [{ partition }] = await system.kafka.readRecords(system.topics.messages, 1);
    const firstOwner =
      instances[
        await waitForOwner(
          instances.map(({ url }) => url),
          system.topics.messages,
          partition,
        )
      ];
    await lookAtOwners();
    const others = instances.filter((instance) => instance !== firstOwner);
    const pages = await Promise.all(others.map(({ url }) => openPage(url)));

    const before = clientMessageRecords(BATCH, 'before the SIGTERM');
    await system.kafka.produce(system.topics.messages, before);
    await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n === 1 + BATCH), {
      description: 'the first batch stored',
    });
    await firstOwner.service.stop('SIGTERM');
    await waitForOwner(
      others.map(({ url }) => url),
      system.topics.messages,
      partition,
      'another instance to take clientB over',
    );
    await lookAtOwners();
    const after = clientMessageRecords(BATCH, 'after the SIGTERM');
    await system.kafka.produce(system.topics.messages, after);

    const all = [first, ...before, ...after].map(({ messageId }) => messageId).sort();
    for (const page of pages) {
      await waitUntil(async () => (await shownIds(page)).length >= all.length, {
        timeoutMs: 30_000,
        description: `${all.length} messages on the page`,
      });
    }
    await lookAtOwners();
    for (const page of pages) expect((await shownIds(page)).sort()).toEqual(all);
    // At least one page was on an instance that never owned the partition, so stored none of it.
    const neverOwner = others.find((instance) => !instance.everOwned);
    expect(neverOwner).toBeDefined();
    expect(neverOwner!.service.countLines('Message saved')).toBe(0);
    expect(others.find((instance) => instance.everOwned)!.service.countLines('Message saved')).toBe(BATCH);
    console.log(`live fan-out page: ${all.length} messages on 2 pages, one on an instance that stored none of them`);
  });
});
