import { ClientMessagePayload } from '@app/contracts';
import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClientMessagePublisher } from './client-message.publisher';
import { SendMessageDto } from './send-message.dto';
import { SentMessageRepository } from './sent-message.repository';

export interface SendMessageResult {
  messageId: string;
  status: 'sent';
}

/** Stores the sender's copy first, then publishes: nothing is on Kafka that is not in MongoDB. */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly repository: SentMessageRepository,
    private readonly publisher: ClientMessagePublisher,
  ) {}

  async send(dto: SendMessageDto): Promise<SendMessageResult> {
    const payload: ClientMessagePayload = {
      messageId: randomUUID(),
      from: dto.from,
      to: dto.to,
      message: dto.message,
      acceptedAt: new Date().toISOString(),
    };
    await this.store(payload);
    await this.publish(payload);
    return { messageId: payload.messageId, status: 'sent' };
  }

  private async store(payload: ClientMessagePayload): Promise<void> {
    try {
      await this.repository.insertPending({ ...payload, timestamp: new Date(payload.acceptedAt) });
    } catch (error) {
      this.logger.error(`Could not store message ${payload.messageId}: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The message database is unavailable; the message was not accepted');
    }
    this.logger.log(`Message saved to MongoDB ${payload.messageId} (${payload.from} -> ${payload.to})`);
  }

  private async publish(payload: ClientMessagePayload): Promise<void> {
    try {
      await this.publisher.publish(payload);
    } catch (error) {
      this.logger.error(`Could not publish message ${payload.messageId}: ${(error as Error).message}`);
      await this.repository.markStatus(payload.messageId, 'publish-failed').catch(() => undefined);
      throw new ServiceUnavailableException('Kafka is unavailable; the message was not sent');
    }
    await this.repository.markStatus(payload.messageId, 'sent');
    this.logger.log(`Message published to Kafka ${payload.messageId}`);
  }
}
