import { BaseRpcContext } from '@nestjs/microservices';

type KafkaBatchContextArgs = [topic: string, partition: number];

/** Handed to a batch handler beside its records: where the batch came from. */
export class KafkaBatchContext extends BaseRpcContext<KafkaBatchContextArgs> {
  /** The topic the records were read from (the main or the retry topic). */
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }
}
