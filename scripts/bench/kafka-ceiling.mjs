// Reference: Kafka's own producer performance tool from the broker's jars (the broker's ceiling).
import { spawnSync } from 'node:child_process';
import { KAFKA_TOOLS_LOG4J_CONFIG, kafkaClasspath } from '../../infra/index.mjs';

export function measureKafkaCeiling(brokers, topic, { records, recordSize }) {
  const java = (mainClass, args) =>
    spawnSync(
      'java',
      [
        '-Xmx256m',
        `-Dlog4j2.configurationFile=${KAFKA_TOOLS_LOG4J_CONFIG}`,
        '-cp',
        kafkaClasspath(),
        mainClass,
        ...args,
      ],
      {
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
  java('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    brokers,
    '--create',
    '--if-not-exists',
    '--topic',
    topic,
  ]);
  const run = java('org.apache.kafka.tools.ProducerPerformance', [
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${brokers}`,
    'acks=all',
  ]);
  // The last line: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50, p95, p99, p99.9"
  const summary = run.stdout.trim().split('\n').pop() ?? '';
  const match = /([\d.]+) records\/sec .*?([\d.]+) ms avg latency.*?(\d+) ms 50th.*?(\d+) ms 99th/.exec(summary);
  if (!match) return { error: `ProducerPerformance printed: ${(run.stderr || summary).slice(-300)}` };
  return {
    records,
    recordSize,
    recordsPerSecond: Number(match[1]),
    avgLatencyMs: Number(match[2]),
    p50Ms: Number(match[3]),
    p99Ms: Number(match[4]),
  };
}
