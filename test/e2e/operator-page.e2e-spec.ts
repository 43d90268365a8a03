import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const ADMIN_TOKEN = 'operator-page-e2e-admin-token-0123456789';
const INBOX_TOKEN = 'operator-page-e2e-inbox-token-0123456789';
const POISON = 'poison';

describe('the operator page in a real browser: a dead letter replayed once the fault is fixed', () => {
  const system = new MessagingSystem({
    NODE_ENV: 'production',
    ADMIN_TOKEN,
    INBOX_TOKEN,
    FAULT_INJECTION_MATCH: POISON,
    RETRY_BASE_DELAY_MS: '10',
  });
  const poisoned = clientMessageRecord({ message: `a ${POISON}ed message` });
  let browser: Browser;
  let page: Page;
  let clientBUrl: string;

  beforeAll(async () => {
    await system.open();
    ({ url: clientBUrl } = await system.start('client-b'));
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await system.close();
  });

  const row = () => page.locator(`#dead-letters tr[data-message-id="${poisoned.messageId}"]`);

  it('should ask for the admin token and then show the poisoned message as a dead letter', async () => {
    await page.goto(`${clientBUrl}/operator`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.locator('#admin-state[data-state="ready"]').waitFor();

    await system.kafka.produce(system.topics.messages, [poisoned]);

    await row().locator('td.state', { hasText: 'dead letter' }).waitFor({ timeout: 60_000 });
    expect(await row().locator('td').nth(2).textContent()).toBe('InjectedFaultError');
    expect(await row().locator('td').nth(3).textContent()).toBe('3');
    expect(await page.evaluate('sessionStorage.getItem("client-b.admin-token")')).toBe(ADMIN_TOKEN);
  });

  it('should switch the fault off, replay the dead letter with its button, and show it delivered', async () => {
    await page.getByRole('button', { name: 'Switch off' }).click();
    await page.locator('#fault-current', { hasText: 'off' }).waitFor();

    await row()
      .getByRole('button', { name: /^Replay dead letter/ })
      .click();

    await row().locator('td.state', { hasText: 'delivered' }).waitFor({ timeout: 60_000 });
    expect(await system.store.count({ messageId: poisoned.messageId, mailbox: 'inbox' })).toBe(1);
    expect(
      await row()
        .getByRole('button', { name: /^Replay dead letter/ })
        .isDisabled(),
    ).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'operator-page.png'), fullPage: true });
  });

  it('should show the replayed message in the private inbox opened with its token in the fragment, which leaves the address bar', async () => {
    const inbox = await browser.newPage();
    const requested: string[] = [];
    // What reaches a server: the request line and the Referer (a fragment is never sent).
    inbox.on('request', (request) => {
      const { pathname, search } = new URL(request.url());
      requested.push(`${pathname}${search} referer=${request.headers().referer ?? ''}`);
    });
    await inbox.goto(`${clientBUrl}/#token=${INBOX_TOKEN}`);

    await inbox.locator('#connection[data-state="live"]').waitFor();
    await inbox.locator(`#inbox li[data-message-id="${poisoned.messageId}"]`).waitFor();
    expect(new URL(inbox.url()).hash).toBe('');
    // Neither the page's own files nor the API calls carry the token in their URL or Referer.
    expect(requested.length).toBeGreaterThan(2);
    expect(requested.filter((sent) => sent.includes(INBOX_TOKEN))).toEqual([]);
    await inbox.close();
  });

  it('should tell a visitor of the private inbox without a token that it needs one', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(`${clientBUrl}/`);

    await stranger.locator('#connection[data-state="denied"]').waitFor();
    expect(await stranger.locator('#inbox li').count()).toBe(0);
    await stranger.close();
  });
});
