import { InboundRecord } from './inbound-record';
import { RecordOutcome } from './record-outcome';

/** Processes records and returns one outcome per record, in the same order. */
export type BatchHandler = (records: InboundRecord[], topic: string, partition: number) => Promise<RecordOutcome[]>;
