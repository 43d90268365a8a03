/** What the consume path reports as it goes; KafkaMetrics turns it into Prometheus series. */
export interface ConsumerMetrics {
  received(topic: string, count: number): void;
  retryScheduled(retry: number): void;
  deadLettered(errorClass: string): void;
}

/** For code run without a metrics registry (unit tests of the pipeline). */
export const NO_CONSUMER_METRICS: ConsumerMetrics = {
  received: () => undefined,
  retryScheduled: () => undefined,
  deadLettered: () => undefined,
};
