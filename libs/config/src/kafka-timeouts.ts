/** How long to wait for a broker connection, and for a consumer's heartbeat before the group drops it. */
export interface KafkaTimeouts {
  connectionTimeoutMs: number;
  sessionTimeoutMs: number;
}

/** The local broker: a connection is a TCP handshake on the same machine. */
export const LOCAL_KAFKA_TIMEOUTS: KafkaTimeouts = { connectionTimeoutMs: 5000, sessionTimeoutMs: 30_000 };

/**
 * With SASL (Confluent Cloud): a connection is a TLS handshake and a SASL exchange over
 * the internet, and a heartbeat crosses it too. 45 s is the Java client's session timeout
 * since Kafka 3.0 (KIP-735), the value Confluent's client guidance assumes.
 */
export const SASL_KAFKA_TIMEOUTS: KafkaTimeouts = { connectionTimeoutMs: 10_000, sessionTimeoutMs: 45_000 };

/** KAFKA_CONNECTION_TIMEOUT_MS and KAFKA_SESSION_TIMEOUT_MS when set, else the defaults for SASL on or off. */
export function kafkaTimeouts(env: {
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_CONNECTION_TIMEOUT_MS?: number;
  KAFKA_SESSION_TIMEOUT_MS?: number;
}): KafkaTimeouts {
  const defaults = env.KAFKA_SASL_MECHANISM === undefined ? LOCAL_KAFKA_TIMEOUTS : SASL_KAFKA_TIMEOUTS;
  return {
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS ?? defaults.connectionTimeoutMs,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS ?? defaults.sessionTimeoutMs,
  };
}
