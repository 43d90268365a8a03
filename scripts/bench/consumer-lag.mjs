// Reads client-b's progress from its committed offsets: client-b commits only after
// storing, so lag 0 means everything produced so far is stored. Cheap to poll, unlike
// counting documents in the database being measured.
import { Kafka, logLevel } from 'kafkajs';

export class ConsumerLag {
  constructor(system) {
    this.system = system;
    const kafka = new Kafka({
      clientId: 'bench-lag',
      brokers: system.infra.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.admin = kafka.admin();
  }

  connect() {
    return this.admin.connect();
  }

  disconnect() {
    return this.admin.disconnect();
  }

  async lag() {
    const topic = this.system.topics.messages;
    const groupId = this.system.env('client-b').KAFKA_GROUP_ID;
    const [{ partitions }] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await this.admin.fetchTopicOffsets(topic);
    return ends.reduce((sum, end) => {
      const committed = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      return sum + Number(end.high) - Math.max(committed, 0);
    }, 0);
  }

  /** Resolves when the lag is 0 or the deadline passed; samples memory meanwhile. */
  async waitForZero(timeoutMs = 600_000) {
    const deadline = Date.now() + timeoutMs;
    while ((await this.lag()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      this.system.samplePeakRss('client-b');
    }
  }
}
