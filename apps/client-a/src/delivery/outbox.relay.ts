import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import type { AcceptedMessage } from './outbox-entry.repository';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxEntryRemover } from './outbox-entry.remover';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { PublishQueue } from './publish.queue';
import { SentMessageRepository } from './sent-message.repository';

/** How long a start waits for the outbox a previous run left before it serves requests anyway. */
const BOOT_CATCH_UP_MS = 30_000;
const WAIT_FOR_ROOM_MS = 200;
/**
 * An entry without a sender's copy belongs to a refused request. Its copy
 * insert may still land after a long database stall, so it is dropped only
 * well after any write of its request could still arrive.
 */
const ORPHAN_AGE_MS = 5 * 60_000;

type Verdict = 'publish' | 'remove' | 'wait';

/**
 * Hands the publish queue what no request of this process is publishing: the
 * outbox a previous run (or another instance) left behind, oldest first. At
 * start that happens before requests are served, so a new message does not
 * overtake an older one of the same recipient. Entries already published
 * (their `sent` step exists) and refused requests' entries are removed.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly outbox: OutboxEntryRepository,
    private readonly copies: SentMessageRepository,
    private readonly statuses: MessageStatusRepository,
    private readonly entries: OutboxEntryRemover,
    private readonly queue: PublishQueue,
    private readonly env: ClientAEnvironment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Nothing of this process is in flight yet: every entry is a leftover.
    const caughtUp = await this.relayAll(0, Date.now() + BOOT_CATCH_UP_MS).catch((error: Error) => this.warn(error));
    if (!caughtUp)
      this.logger.warn('Outbox not fully handed over at start; the relay goes on while requests are served');
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /**
   * Pages through the outbox, oldest first, handing leftovers to the queue and
   * waiting for room in it until `deadline`; true when it reached the end.
   */
  async relayAll(minAgeMs = this.env.OUTBOX_RELAY_MIN_AGE_MS, deadline = Date.now()): Promise<boolean> {
    let after: AcceptedMessage | undefined;
    for (;;) {
      while (this.queue.isFull) {
        if (!(await this.waitForRoom(deadline))) return false;
      }
      const page = await this.outbox.oldest(new Date(Date.now() - minAgeMs), this.env.OUTBOX_RELAY_BATCH_SIZE, after);
      // What did not fit stays in the outbox: the same page is read again once there is room.
      if (!(await this.handOver(page.filter(({ messageId }) => !this.queue.holds(messageId))))) {
        if (!(await this.waitForRoom(deadline))) return false;
        continue;
      }
      if (page.length < this.env.OUTBOX_RELAY_BATCH_SIZE) return true;
      after = page[page.length - 1];
    }
  }

  private async waitForRoom(deadline: number): Promise<boolean> {
    if (Date.now() >= deadline || this.stopped) return false;
    await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_ROOM_MS));
    return true;
  }

  /** Hands over, oldest first, what the queue has room for (its byte budget); false when some did not fit. */
  private async handOver(leftovers: AcceptedMessage[]): Promise<boolean> {
    const now = Date.now();
    const verdicts = await Promise.all(leftovers.map((entry) => this.verdictOn(entry, now)));
    const having = (verdict: Verdict) => leftovers.filter((_, index) => verdicts[index] === verdict);
    this.entries.remove(having('remove').map(({ messageId }) => messageId));
    const toPublish = having('publish');
    let handed = 0;
    for (const payload of toPublish) {
      if (!this.queue.hasRoomFor(payload)) break;
      void this.queue.publish(payload);
      handed += 1;
    }
    if (handed > 0) this.logger.log(`Outbox relay handed ${handed} pending message(s) to the publish queue`);
    return handed === toPublish.length;
  }

  private async verdictOn(entry: AcceptedMessage, now: number): Promise<Verdict> {
    if (await this.statuses.has(entry.messageId, 'sent')) return 'remove';
    if (await this.copies.findOne(entry.messageId)) return 'publish';
    return now - Date.parse(entry.acceptedAt) > ORPHAN_AGE_MS ? 'remove' : 'wait';
  }

  // Rounds never overlap: the next is scheduled when one ends.
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.relayAll()
        .catch((error: Error) => this.warn(error))
        .finally(() => this.schedule());
    }, this.env.OUTBOX_RELAY_INTERVAL_MS);
  }

  private warn(error: Error): false {
    this.logger.warn(
      `Outbox relay round failed, trying again in ${this.env.OUTBOX_RELAY_INTERVAL_MS} ms: ${error.message}`,
    );
    return false;
  }
}
