import { waitUntil } from '@app/kafka/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { PrometheusScrape } from './support/prometheus-scrape';

jest.setTimeout(120_000);

const P = 'client_messaging_';
const ALWAYS_FAILS = 'force-failure';

describe('GET /metrics around a known flow (stored, ignored, retried into the dead-letter topic)', () => {
  const system = new MessagingSystem({ FAULT_INJECTION_MATCH: ALWAYS_FAILS, RETRY_BASE_DELAY_MS: '50' });
  let clientA: string;
  let clientB: string;
  const before: Record<string, PrometheusScrape> = {};
  const after: Record<string, PrometheusScrape> = {};

  beforeAll(async () => {
    await system.open();
    clientB = (await system.start('client-b')).url;
    clientA = (await system.start('client-a')).url;
    [before.a, before.b] = await Promise.all([PrometheusScrape.of(clientA), PrometheusScrape.of(clientB)]);

    const answers = await Promise.all([
      sendMessage(clientA, { from: 'clientA', to: 'clientB', message: 'to be stored' }),
      sendMessage(clientA, { from: 'clientA', to: 'clientC', message: 'to be ignored' }),
      sendMessage(clientA, { from: 'clientA', to: 'clientB', message: `please ${ALWAYS_FAILS}` }),
    ]);
    expect(answers.map(({ status }) => status)).toEqual([201, 201, 201]);
    await waitUntil(async () => (await system.kafka.recordCount(system.topics.deadLetter)) === 1, {
      timeoutMs: 60_000,
      description: 'the failing message in the dead-letter topic',
    });
    await waitUntil(
      async () => (await system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry])) === 0,
      {
        timeoutMs: 30_000,
        description: 'client-b to commit everything',
      },
    );
    [after.a, after.b] = await Promise.all([PrometheusScrape.of(clientA), PrometheusScrape.of(clientB)]);
  });

  afterAll(() => system.close());

  it('should count client-a accepting, answering and publishing the three messages', () => {
    expect(after.a.delta(before.a, `${P}messages_accepted_total`, { status: 'sent' })).toBe(3);
    expect(after.a.delta(before.a, `${P}messages_published_total`)).toBe(3);
    expect(
      after.a.delta(before.a, `${P}http_request_duration_seconds_count`, { route: '/send-message', status: '201' }),
    ).toBe(3);
    expect(after.a.delta(before.a, `${P}produce_duration_seconds_count`)).toBeGreaterThanOrEqual(1);
  });

  it('should count client-b receiving, storing, ignoring, retrying and dead-lettering', () => {
    const { messages, retry } = system.topics;
    expect(after.b.delta(before.b, `${P}records_received_total`, { topic: messages })).toBe(3);
    expect(after.b.delta(before.b, `${P}records_received_total`, { topic: retry })).toBe(3);
    expect(after.b.delta(before.b, `${P}messages_stored_total`)).toBe(1);
    expect(after.b.delta(before.b, `${P}messages_ignored_total`)).toBe(1);
    for (const attempt of ['1', '2', '3'])
      expect(after.b.delta(before.b, `${P}retries_scheduled_total`, { retry: attempt })).toBe(1);
    expect(after.b.delta(before.b, `${P}dead_lettered_total`, { error_class: 'InjectedFaultError' })).toBe(1);
    expect(after.b.delta(before.b, `${P}end_to_end_seconds_count`)).toBe(1);
  });

  it('should report the group lag per partition, the held retries and the outbox, all drained', () => {
    expect(after.b.has(`${P}consumer_lag`)).toBe(true);
    expect(after.b.value(`${P}consumer_lag`, { group: system.groupId })).toBe(0);
    expect(after.b.value(`${P}retry_records_held`)).toBe(0);
    expect(after.a.has(`${P}outbox_pending`)).toBe(true);
  });

  it("should include Node's default metrics under the same prefix, labelled with the service", () => {
    expect(after.a.value(`${P}process_cpu_user_seconds_total`, { service: 'client-a' })).toBeGreaterThan(0);
    expect(after.b.value(`${P}nodejs_heap_size_used_bytes`, { service: 'client-b' })).toBeGreaterThan(0);
  });

  it('should serve every metric the Grafana dashboard and the alert rules in docs/monitoring use', () => {
    const monitoring = join(__dirname, '..', '..', 'docs', 'monitoring');
    const text = ['grafana/client-messaging.dashboard.json', 'alerts.yml']
      .map((file) => readFileSync(join(monitoring, file), 'utf8'))
      .join('\n');
    const used = new Set(
      [...text.matchAll(/client_messaging_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, '')),
    );
    const histogramOrServed = (name: string) =>
      [after.a, after.b].some((scrape) => scrape.has(name) || scrape.has(`${name}_count`));

    expect([...used].filter((name) => !histogramOrServed(name))).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });
});
