import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '../errors/kafka.errors';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';

/**
 * One admin connection for a service's read-only questions (watermarks,
 * committed offsets, readiness, lag), opened at the first question rather than
 * per question: against Confluent Cloud each new connection is a TLS and SASL
 * handshake. Every call is bounded, the connect included.
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

  /** Runs one admin call, connecting first if needed, within `timeoutMs` in all (readiness passes its own, shorter bound). */
  async run<T>(
    what: string,
    call: (admin: Admin) => Promise<T>,
    timeoutMs = this.options.requestTimeoutMs * 2,
  ): Promise<T> {
    return withTimeout(
      this.connect().then(() => call(this.admin)),
      timeoutMs,
      what,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection) await this.admin.disconnect();
  }

  // A failed connect is forgotten, so the next call tries again.
  private connect(): Promise<void> {
    this.connection ??= withTimeout(
      this.admin.connect(),
      this.options.connectionTimeoutMs * 3,
      'connecting the Kafka admin',
    ).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }
}
