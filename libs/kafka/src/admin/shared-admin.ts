import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '../errors/with-timeout';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';

/**
 * One admin connection for a service's read-only questions (watermarks,
 * committed offsets), opened at the first question rather than per question:
 * against Confluent Cloud each new connection is a TLS and SASL handshake.
 */
@Injectable()
export class SharedAdmin implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connection?: Promise<void>;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {
    this.admin = kafka.admin();
    this.admin.on(this.admin.events.DISCONNECT, () => (this.connection = undefined));
  }

  /** Runs one admin call, connecting first if needed; each is bounded, and so is the connect. */
  async run<T>(what: string, call: (admin: Admin) => Promise<T>): Promise<T> {
    await this.connect();
    return withTimeout(call(this.admin), this.options.requestTimeoutMs * 2, what);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection) await this.admin.disconnect();
  }

  // A failed connect is forgotten, so the next call tries again.
  private connect(): Promise<void> {
    this.connection ??= withTimeout(this.admin.connect(), this.options.connectionTimeoutMs * 3, 'connecting the Kafka admin').catch(
      (error: unknown) => {
        this.connection = undefined;
        throw error;
      },
    );
    return this.connection;
  }
}
