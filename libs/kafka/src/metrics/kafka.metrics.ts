import { FreshResultCache, METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ConsumerLagReader } from '../admin/consumer-lag.reader';
import { ConsumerMetrics } from './consumer-metrics';

/**
 * How long one read of a group's lag (an offsets request and one per topic
 * to the broker) answers every scrape: a scrape every 15-60 s sees it fresh,
 * a flood of scrapes costs the broker one read per group per 10 s.
 */
const LAG_RESULT_TTL_MS = 10_000;

type PartitionLag = [topic: string, partition: string, lag: number];

interface WatchedGroup {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly lag: FreshResultCache<PartitionLag[]>;
}

/**
 * The Kafka side of `/metrics`: records received, retries scheduled, dead
 * letters, retry records held, produce duration, and each group's lag per
 * partition (asked of the broker at scrape time, each call bounded, each
 * read shared by the scrapes of LAG_RESULT_TTL_MS).
 */
@Injectable()
export class KafkaMetrics implements ConsumerMetrics {
  private readonly logger = new Logger(KafkaMetrics.name);
  private readonly receivedTotal: Counter<'topic'>;
  private readonly retriesTotal: Counter<'retry'>;
  private readonly deadLetteredTotal: Counter<'error_class'>;
  private readonly produceSeconds: Histogram;
  private readonly producersReplaced: Counter;
  private readonly forwardCommitsUnknown: Counter;
  private readonly heldSources: Array<() => number> = [];
  private readonly groups: WatchedGroup[] = [];

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly lag: ConsumerLagReader,
  ) {
    const registers = [registry];
    this.receivedTotal = new Counter({
      name: `${METRICS_PREFIX}records_received_total`,
      help: 'Records fetched by a consumer, by topic (again after a rebalance)',
      labelNames: ['topic'],
      registers,
    });
    this.retriesTotal = new Counter({
      name: `${METRICS_PREFIX}retries_scheduled_total`,
      help: 'Failed records written to the retry topic, by the retry they start',
      labelNames: ['retry'],
      registers,
    });
    this.deadLetteredTotal = new Counter({
      name: `${METRICS_PREFIX}dead_lettered_total`,
      help: 'Records written to the dead-letter topic, by error class',
      labelNames: ['error_class'],
      registers,
    });
    this.produceSeconds = new Histogram({
      name: `${METRICS_PREFIX}produce_duration_seconds`,
      help: 'One produce request, until every in-sync replica acknowledged it',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    this.producersReplaced = new Counter({
      name: `${METRICS_PREFIX}producer_replaced_total`,
      help: 'Producers replaced after a failed produce (the next gets a new producer id, or a new epoch of its transactional id)',
      registers,
    });
    this.forwardCommitsUnknown = new Counter({
      name: `${METRICS_PREFIX}forward_commit_unknown_total`,
      help: 'Transactional forwards that failed while their commit was in flight: the resend may duplicate them',
      registers,
    });
    // Gauges asked at scrape time (prom-client calls `collect` with the gauge as `this`).
    const heldTotal = () => this.heldSources.reduce((sum, held) => sum + held(), 0);
    const collectLag = (lag: Gauge<'group' | 'topic' | 'partition'>) => this.collectLag(lag);
    new Gauge({
      name: `${METRICS_PREFIX}retry_records_held`,
      help: 'Retry records read and held in memory until their due time',
      registers,
      collect() {
        this.set(heldTotal());
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}consumer_lag`,
      help: 'Records of a partition not yet committed by a group',
      labelNames: ['group', 'topic', 'partition'],
      registers,
      async collect() {
        await collectLag(this);
      },
    });
  }

  received(topic: string, count: number): void {
    this.receivedTotal.inc({ topic }, count);
  }

  retryScheduled(retry: number): void {
    this.retriesTotal.inc({ retry: String(retry) });
  }

  deadLettered(errorClass: string): void {
    this.deadLetteredTotal.inc({ error_class: errorClass });
  }

  /** Starts a produce-duration timer; call the result when the broker acknowledged. */
  produceTimer(): () => void {
    return this.produceSeconds.startTimer();
  }

  producerReplaced(): void {
    this.producersReplaced.inc();
  }

  forwardCommitUnknown(): void {
    this.forwardCommitsUnknown.inc();
  }

  watchHeld(held: () => number): void {
    this.heldSources.push(held);
  }

  watchLag(groupId: string, topics: readonly string[]): void {
    this.groups.push({ groupId, topics, lag: new FreshResultCache(LAG_RESULT_TTL_MS) });
  }

  private async collectLag(lag: Gauge<'group' | 'topic' | 'partition'>): Promise<void> {
    lag.reset();
    for (const group of this.groups) {
      const { groupId, topics } = group;
      try {
        const partitions = await group.lag.get(() => this.lagOf(groupId, topics));
        for (const [topic, partition, behind] of partitions) lag.set({ group: groupId, topic, partition }, behind);
      } catch (error) {
        // A scrape must answer: the lag is left out this time, the rest is reported.
        this.logger.warn(`Consumer lag of ${groupId} not read: ${(error as Error).message}`);
      }
    }
  }

  private async lagOf(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    const lags = await this.lag.read(groupId, topics);
    return lags.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, lag }): PartitionLag => [topic, String(partition), lag]),
    );
  }
}
