import { CLIENT_A_RECEIPTS_GROUP_ID, CLIENT_B_GROUP_ID, messagingTopics, MessagingTopics } from '@app/contracts';
import { KafkaTestClient, KafkaTestSecurity, uniqueNamespace } from '@app/kafka/testing';
import { randomBytes } from 'node:crypto';
import { MessageStore } from './message-store';
import { AppName, ServiceProcess } from './service.process';
import { testEnvironment } from './test-environment';
import { workerPort } from './worker-slot';

// Past the benchmark's 3200–3203; 300 ports a worker.
let nextPort = workerPort(3300, 300);

/**
 * The system under test for one spec: its own topics (a namespace), its own
 * consumer group and database, and the two services started on free ports.
 */
export class MessagingSystem {
  readonly namespace = uniqueNamespace();
  readonly topics: MessagingTopics = messagingTopics(this.namespace);
  readonly groupId = `${this.namespace}${CLIENT_B_GROUP_ID}`;
  readonly dbName = `e2e_${randomBytes(4).toString('hex')}`;
  readonly kafka: KafkaTestClient;
  store!: MessageStore;
  private readonly services: ServiceProcess[] = [];

  private readonly mongodbUri: string;
  private readonly kafkaBrokers: string;

  private readonly partitions: number;

  /**
   * `extraEnv` goes to every service; `mongodbUri` and `kafkaBrokers` replace the shared database and broker;
   * `partitions` is the partition count of each topic (1 unless a spec runs several instances);
   * `kafkaSecurity`: the test's own client reaches `kafkaBrokers` over SASL_SSL (the services get theirs in `extraEnv`).
   */
  constructor(
    private readonly extraEnv: Record<string, string> = {},
    options: {
      mongodbUri?: string;
      kafkaBrokers?: string;
      partitions?: number;
      kafkaSecurity?: KafkaTestSecurity;
    } = {},
  ) {
    this.partitions = options.partitions ?? 1;
    this.kafkaBrokers = options.kafkaBrokers ?? testEnvironment().kafkaBrokers;
    this.kafka = new KafkaTestClient(this.kafkaBrokers.split(','), options.kafkaSecurity);
    this.mongodbUri = options.mongodbUri ?? testEnvironment().mongodbUri;
  }

  async open(): Promise<void> {
    await this.kafka.connect();
    // Created up front, so a test can produce before the services start.
    const { messages, retry, deadLetter, status } = this.topics;
    await this.kafka.createTopics([messages, retry, deadLetter, status], this.partitions);
    this.store = await MessageStore.open(this.mongodbUri, this.dbName);
  }

  /** Environment of a service of this system; `overrides` win. */
  env(app: AppName, port: number, overrides: Record<string, string> = {}): Record<string, string> {
    return {
      PORT: String(port),
      KAFKA_BROKERS: this.kafkaBrokers,
      MONGODB_URI: this.mongodbUri,
      MONGODB_DB_NAME: this.dbName,
      KAFKA_TOPIC_NAMESPACE: this.namespace,
      ...(app === 'client-b'
        ? { KAFKA_GROUP_ID: this.groupId }
        : { RECEIPTS_GROUP_ID: `${this.namespace}${CLIENT_A_RECEIPTS_GROUP_ID}` }),
      ...this.extraEnv,
      ...overrides,
    };
  }

  /** Starts a service and waits until it listens; returns it with its base URL. */
  async start(app: AppName, overrides: Record<string, string> = {}): Promise<{ service: ServiceProcess; url: string }> {
    const started = this.launch(app, overrides);
    await started.service.waitUntilListening();
    return started;
  }

  /** Starts a service without waiting for it (it may be waiting for a dependency); returns it with its base URL. */
  launch(app: AppName, overrides: Record<string, string> = {}): { service: ServiceProcess; url: string } {
    const port = nextPort++;
    const service = new ServiceProcess(app, this.env(app, port, overrides));
    this.services.push(service);
    return { service, url: `http://127.0.0.1:${port}` };
  }

  /** Stops everything; fails (so the spec fails) when a service crashed during the spec. */
  async close(): Promise<void> {
    const crashes = this.services.map((service) => service.crash()).filter((crash) => crash !== undefined);
    await Promise.all(this.services.map((service) => service.stop('SIGKILL')));
    await this.store?.dropDatabase().catch(() => undefined);
    await this.store?.close();
    await this.kafka.disconnect();
    if (crashes.length > 0) throw new Error(crashes.join('\n\n'));
  }
}

/** POSTs a JSON (or raw string) body to client-a's /send-message. */
export async function sendMessage(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/send-message`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
