import { MESSAGE_ID_HEADER } from '@app/contracts';
import { RawRecord } from '@app/kafka/testing';
import { randomUUID } from 'node:crypto';

/** A valid record as client-a would produce it; `headers` are added to the message-id header. */
export function clientMessageRecord(
  fields: { to?: string; message?: string; messageId?: string } = {},
  headers: Record<string, string> = {},
): RawRecord & { messageId: string } {
  const messageId = fields.messageId ?? randomUUID();
  const payload = {
    messageId,
    from: 'clientA',
    to: fields.to ?? 'clientB',
    message: fields.message ?? `hello ${messageId}`,
    acceptedAt: new Date().toISOString(),
  };
  return {
    messageId,
    key: payload.to,
    value: JSON.stringify(payload),
    headers: { [MESSAGE_ID_HEADER]: messageId, ...headers },
  };
}

/** `count` valid records for clientB, numbered in their text. */
export function clientMessageRecords(count: number, label: string) {
  return Array.from({ length: count }, (_, index) => clientMessageRecord({ message: `${label} #${index}` }));
}
