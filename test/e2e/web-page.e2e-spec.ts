import { waitUntil } from '@app/kafka/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchChromium, PageElement } from './support/browser';
import { clientMessageRecords } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';

jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describe('the live inbox page in a real browser', () => {
  const system = new MessagingSystem();
  let browser: Browser;
  let page: Page;
  let clientB: ServiceProcess;
  let clientBUrl: string;

  beforeAll(async () => {
    await system.open();
    ({ service: clientB, url: clientBUrl } = await system.start('client-b'));
    const { url: clientAUrl } = await system.start('client-a', { CORS_ORIGINS: clientBUrl });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${clientBUrl}/?sender=${encodeURIComponent(clientAUrl)}`);
    await page.locator('#connection[data-state="live"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await system.close();
  });

  const inboxItem = (text: string) => page.locator('#inbox li', { hasText: text });

  it('should show a message sent from the form in the inbox, and its status reach delivered', async () => {
    await page.getByLabel('Message', { exact: true }).fill('hello from the browser');
    const sentAt = Date.now();
    await page.getByRole('button', { name: 'Send' }).click();

    await inboxItem('hello from the browser').waitFor();
    console.log(`web page: sent → shown in the inbox in ${Date.now() - sentAt} ms`);
    await page
      .locator('#sent li', { hasText: 'hello from the browser' })
      .locator('.status', { hasText: 'delivered' })
      .waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-page.png'), fullPage: true });
    expect(await inboxItem('hello from the browser').count()).toBe(1);
  });

  it('should still show stored messages after a reload', async () => {
    const [record] = clientMessageRecords(1, 'before the reload');
    await system.kafka.produce(system.topics.messages, [record]);
    await inboxItem('before the reload #0').waitFor();

    await page.reload();
    await page.locator('#connection[data-state="live"]').waitFor();

    await inboxItem('before the reload #0').waitFor();
    expect(await inboxItem('before the reload #0').count()).toBe(1);
  });

  it('should reconnect after client-b restarts and show what arrived meanwhile, once each', async () => {
    const port = new URL(clientBUrl).port;
    await clientB.stop('SIGTERM');
    await page.locator('#connection[data-state="offline"]').waitFor();
    const meanwhile = clientMessageRecords(3, 'while client-b was away');
    await system.kafka.produce(system.topics.messages, meanwhile);

    ({ service: clientB } = await system.start('client-b', { PORT: port }));

    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 60_000 });
    await waitUntil(
      async () => (await page.locator('#inbox li', { hasText: 'while client-b was away' }).count()) === 3,
      {
        timeoutMs: 60_000,
        description: 'the three messages stored while client-b was away',
      },
    );
    const shownIds = await page
      .locator('#inbox li')
      .evaluateAll((items: PageElement[]) => items.map((item) => item.getAttribute('data-message-id')));
    expect(new Set(shownIds).size).toBe(shownIds.length);
  });
});
