/** SASL credentials, e.g. a Confluent Cloud API key and secret with mechanism `plain`. */
export interface KafkaSaslOptions {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/** Topics a service makes sure exist at start. */
export interface KafkaTopicProvisioningOptions {
  names: string[];
  numPartitions: number;
  replicationFactor: number;
  /** False on clusters where clients may not create topics: then they are only checked. */
  create: boolean;
  /** True: an existing topic with fewer than `numPartitions` partitions is grown to it. */
  growPartitions: boolean;
}

/** Options of {@link KafkaModule}; every field comes from the service's validated environment. */
export interface KafkaModuleOptions {
  clientId: string;
  brokers: string[];
  ssl: boolean;
  /**
   * With `ssl`: PEM certificates of the authorities to trust instead of Node's own list
   * (a local broker's CA). Unset for Confluent Cloud, whose certificates Node already trusts.
   */
  caCertificates?: string[];
  sasl?: KafkaSaslOptions;
  /** Upper bound of opening a broker connection. */
  connectionTimeoutMs: number;
  /** Upper bound of one broker request, and of a whole produce including its retries. */
  requestTimeoutMs: number;
  /**
   * The most one produce request may carry: the broker's (or topic's)
   * `max.message.bytes`. Larger sends are cut into several requests.
   */
  maxRequestBytes: number;
  /** Bound of the readiness check's metadata request. */
  healthTimeoutMs: number;
  topics: KafkaTopicProvisioningOptions;
}
