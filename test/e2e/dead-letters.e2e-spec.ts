import { MESSAGE_ID_HEADER } from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { AdminClient } from './support/admin-client';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CLI = join(__dirname, '..', '..', 'scripts', 'dlt.mjs');

/** Runs the dlt CLI as operators do, answering its exit code and output. */
async function dlt(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'dead-letters-e2e-admin-token-0123456789';
const FAULT = 'fail-me';

interface Entry {
  position: string;
  partition: number;
  offset: string;
  messageId: string | null;
  errorClass: string;
  retries: number;
  attempts: number;
  payload: unknown;
  key: string | null;
  original: { topic: string } | null;
  replayedAt: string | null;
  storedAt: string | null;
  deadLetteredAt: string;
}
interface Page {
  deadLetters: Entry[];
  nextCursor: string | null;
}

describe('dead letters: listed, filtered, replayed once, with fault injection switched at run time', () => {
  const system = new MessagingSystem(
    { ADMIN_TOKEN, RETRY_BASE_DELAY_MS: '10', FAULT_INJECTION_MATCH: FAULT },
    { partitions: 2 },
  );
  let admin: AdminClient;
  let url: string;
  const failing = [1, 2, 3].map((n) => clientMessageRecord({ message: `please ${FAULT} #${n}` }));
  let poisonedAt: number;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-b'));
    admin = new AdminClient(url, ADMIN_TOKEN);
    await system.kafka.produce(system.topics.messages, failing);
    await waitUntil(async () => (await system.kafka.recordCount(system.topics.deadLetter)) === 3, {
      description: '3 dead letters',
    });
    poisonedAt = Date.now();
    await system.kafka.produce(system.topics.messages, [
      { key: 'p1', value: 'not json 1' },
      { key: 'p2', value: 'not json 2' },
    ]);
    await waitUntil(async () => (await system.kafka.recordCount(system.topics.deadLetter)) === 5, {
      description: '5 dead letters',
    });
  });

  afterAll(() => system.close());

  // Every record of the retry topic so far that a replay wrote.
  async function replayRecords() {
    const records = await system.kafka.readAll(system.topics.retry);
    return records.filter((record) => record.headers['replayed-from'] !== undefined);
  }

  async function allPages(query: string, limit: number): Promise<Entry[]> {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: Page } = await admin.get<Page>(
        `/dead-letters?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      entries.push(...body.deadLetters);
      cursor = body.nextCursor;
    } while (cursor !== null);
    return entries;
  }

  it('should page through every dead letter once, in partition and offset order, with what and why', async () => {
    const entries = await allPages('', 2);

    expect(entries).toHaveLength(5);
    const order = entries.map(({ partition, offset }) => [partition, Number(offset)]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const injected = entries.find(({ messageId }) => messageId === failing[0].messageId)!;
    expect(injected).toMatchObject({
      errorClass: 'InjectedFaultError',
      retries: 3,
      attempts: 4,
      key: 'clientB',
      replayedAt: null,
      storedAt: null,
    });
    expect(injected.payload).toMatchObject({ messageId: failing[0].messageId, message: `please ${FAULT} #1` });
    expect(injected.original?.topic).toBe(system.topics.messages);
    const poison = entries.filter(({ errorClass }) => errorClass === 'InvalidClientMessageError');
    expect(poison.map(({ payload }) => payload).sort()).toEqual(['not json 1', 'not json 2']);
    expect(poison.every(({ retries }) => retries === 0)).toBe(true);
  });

  it('should filter by error class and by when they were dead-lettered', async () => {
    const byClass = await allPages('&errorClass=InjectedFaultError', 10);
    const later = await allPages(`&since=${new Date(poisonedAt).toISOString()}`, 10);
    const earlier = await allPages(`&until=${new Date(poisonedAt).toISOString()}`, 10);
    const bad = await admin.get<{ message: string }>('/dead-letters?cursor=nonsense');

    expect(byClass.map(({ messageId }) => messageId).sort()).toEqual(failing.map(({ messageId }) => messageId).sort());
    expect(later.map(({ errorClass }) => errorClass)).toEqual([
      'InvalidClientMessageError',
      'InvalidClientMessageError',
    ]);
    expect(earlier).toHaveLength(3);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('cursor');
  });

  it('should switch fault injection off at run time, and then store a message with that text', async () => {
    const before = await admin.get('/admin/fault-injection');
    const off = await admin.put('/admin/fault-injection', { match: null });
    const fresh = clientMessageRecord({ message: `now ${FAULT} passes` });
    await system.kafka.produce(system.topics.messages, [fresh]);

    expect(before.body).toEqual({ match: FAULT });
    expect(off.body).toEqual({ match: null });
    await waitUntil(async () => (await system.store.count({ messageId: fresh.messageId, mailbox: 'inbox' })) === 1);
  });

  it('should replay one dead letter into the flow, store it once, and answer "already replayed" the second time', async () => {
    const [entry] = (await allPages('&errorClass=InjectedFaultError', 10)).filter(
      ({ messageId }) => messageId === failing[0].messageId,
    );
    const target = { partition: entry.partition, offset: entry.offset };

    const first = await admin.post('/dead-letters/replay', target);
    const second = await admin.post('/dead-letters/replay', {
      partition: entry.partition,
      offset: Number(entry.offset),
    });
    const missing = await admin.post('/dead-letters/replay', { partition: entry.partition, offset: '999999' });

    expect(first.body).toMatchObject({ replayed: 1, alreadyReplayed: 0, notFound: 0 });
    expect(second.body).toMatchObject({ replayed: 0, alreadyReplayed: 1, notFound: 0 });
    expect(missing.body).toMatchObject({ replayed: 0, notFound: 1 });
    await waitUntil(
      async () => (await system.store.count({ messageId: failing[0].messageId, mailbox: 'inbox' })) === 1,
    );
    const [replayed] = await replayRecords();
    expect(replayed.headers).toMatchObject({
      [MESSAGE_ID_HEADER]: failing[0].messageId,
      'replayed-from': `${system.topics.deadLetter}:${entry.partition}:${entry.offset}`,
    });
    expect(replayed.headers.retry).toBeUndefined();
    const listed = (await allPages('&errorClass=InjectedFaultError', 10)).find(
      ({ position }) => position === entry.position,
    )!;
    expect(listed.replayedAt).not.toBeNull();
    expect(listed.storedAt).not.toBeNull();
  });

  it('should store a message once when its replay record reaches the retry topic twice', async () => {
    const [record] = await replayRecords();

    await system.kafka.produce(system.topics.retry, [
      { key: record.key, value: record.value, headers: { ...record.headers } },
    ]);

    await waitUntil(() =>
      system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry]).then((lag) => lag === 0),
    );
    expect(await system.store.count({ messageId: failing[0].messageId, mailbox: 'inbox' })).toBe(1);
  });

  it('should replay what a filter matches, counting the one replayed before', async () => {
    const result = await admin.post('/dead-letters/replay', { errorClass: 'InjectedFaultError' });

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ replayed: 2, alreadyReplayed: 1, notFound: 0, complete: true });
    for (const { messageId } of failing) {
      await waitUntil(async () => (await system.store.count({ messageId, mailbox: 'inbox' })) === 1);
    }
  });

  it('should show the group caught up, no held retry record, the replays and the recent failures', async () => {
    const state = await waitUntil(async () => {
      const { body } = await admin.get<{
        lag: number;
        heldRetryRecords: number;
        replays: Record<string, number>;
        topics: unknown[];
      }>('/admin/consumer');
      return body.lag === 0 && body;
    });
    const { body: failures } = await admin.get<{ failures: { outcome: string; errorClass: string }[] }>(
      '/admin/failures?limit=100',
    );

    expect(state).toMatchObject({ heldRetryRecords: 0, replays: { replayed: 3, alreadyReplayed: 2, notFound: 1 } });
    expect(state.topics).toHaveLength(2);
    expect(failures.failures.filter(({ outcome }) => outcome === 'retry')).toHaveLength(9);
    expect(failures.failures.filter(({ outcome }) => outcome === 'dead-letter')).toHaveLength(5);
  });

  it('should list and replay from the CLI, as a table, with the token from the environment', async () => {
    const [entry] = (await allPages('&errorClass=InjectedFaultError', 10)).filter(
      ({ messageId }) => messageId === failing[1].messageId,
    );

    const listed = await dlt(['list', '--url', url, '--limit', '10'], { ADMIN_TOKEN });
    const replayed = await dlt(
      ['replay', '--url', url, '--partition', String(entry.partition), '--offset', entry.offset],
      { ADMIN_TOKEN },
    );
    const refused = await dlt(['list'], { ADMIN_TOKEN: 'not-the-token', CLIENT_B_URL: url });
    const unsaid = await dlt(['replay', '--url', url], { ADMIN_TOKEN });

    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${system.topics.deadLetter}: 5 dead letter(s)`);
    expect(listed.stdout).toMatch(/POSITION\s+DEAD-LETTERED\s+ERROR\s+RETRIES/);
    expect(
      listed.stdout.split('\n').filter((line) => line.includes('InjectedFaultError') && line.includes('delivered')),
    ).toHaveLength(3);
    expect(replayed.stdout).toContain(`${system.topics.deadLetter}:${entry.partition}:${entry.offset}`);
    expect(replayed.stdout).toContain('0 replayed, 1 already replayed, 0 not found');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('client-b answered 403') });
    expect(unsaid.code).toBe(2);
  });
});
