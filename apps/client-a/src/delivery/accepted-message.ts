import { ClientMessagePayload } from '@app/contracts';

/**
 * A message client-a accepted: its record's value, and the correlation id of
 * the request that sent it, which travels as a header of the record (not in
 * the value) and is kept in the outbox entry for the relay. Absent on entries
 * written before correlation ids were kept.
 */
export interface AcceptedMessage extends ClientMessagePayload {
  readonly correlationId?: string;
}
