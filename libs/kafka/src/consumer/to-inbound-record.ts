import { KafkaMessage } from 'kafkajs';
import { decodeHeaders } from './decode-headers';
import { InboundRecord } from './inbound-record';

/** Converts a kafkajs message; its headers bounded as decodeHeaders says. */
export function toInboundRecord(topic: string, partition: number, message: KafkaMessage): InboundRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: decodeHeaders(message.headers),
    timestamp: message.timestamp,
  };
}
