import { Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { MessageStatusRepository } from './message-status.repository';
import { MessageStatus } from './message-status.schema';
import { PublishedMessagesRecorder } from './published-messages.recorder';
import { HistoryEntry, statusHistory } from './status-history';
import { SentMessageRepository, SentMessageView } from './sent-message.repository';

/** GET /messages/:id: a sent message with its status history. */
export interface MessageStatusView {
  messageId: string;
  from: string;
  to: string;
  message: string;
  acceptedAt: string;
  status: MessageStatus;
  history: { status: MessageStatus; at: string; reason?: string }[];
}

/** Reads a sent message and where it has got to. */
@Injectable()
export class MessageStatusService {
  private readonly logger = new Logger(MessageStatusService.name);

  constructor(
    private readonly messages: SentMessageRepository,
    private readonly statuses: MessageStatusRepository,
    private readonly recorder: PublishedMessagesRecorder,
  ) {}

  async get(messageId: string): Promise<MessageStatusView> {
    const found = await this.read(messageId);
    if (!found) throw new NotFoundException(`No message ${messageId} was sent from here`);
    const { message, changes } = found;
    const history = statusHistory([...ownSteps(message), ...this.unrecordedSteps(messageId), ...changes]);
    return {
      messageId: message.messageId,
      from: message.from,
      to: message.to,
      message: message.message,
      acceptedAt: message.timestamp.toISOString(),
      status: history[history.length - 1].status,
      history: history.map(({ status, at, reason }) => ({ status, at: at.toISOString(), ...(reason ? { reason } : {}) })),
    };
  }

  // Published here a moment ago: the `sent` step is known before it is written down.
  private unrecordedSteps(messageId: string): HistoryEntry[] {
    const publishedAt = this.recorder.publishedAt(messageId);
    return publishedAt ? [{ status: 'sent', at: publishedAt }] : [];
  }

  private async read(messageId: string) {
    try {
      const message = await this.messages.findOne(messageId);
      if (!message) return undefined;
      return { message, changes: await this.statuses.findFor(messageId) };
    } catch (error) {
      this.logger.error(`Could not read message ${messageId}: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The message database is unavailable');
    }
  }
}

// What the sender's copy itself knows: when it was accepted.
function ownSteps(message: SentMessageView): HistoryEntry[] {
  return [{ status: 'pending', at: message.timestamp }];
}
