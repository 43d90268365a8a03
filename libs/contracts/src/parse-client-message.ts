import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ClientMessagePayload } from './client-message.payload';
import { InvalidClientMessageError } from './invalid-client-message.error';

/**
 * Turns a record value into a validated payload.
 * @throws InvalidClientMessageError naming what is wrong; such a record can never succeed.
 */
export function parseClientMessage(value: Buffer | string | null): ClientMessagePayload {
  if (value === null || value.length === 0) {
    throw new InvalidClientMessageError('record value is empty');
  }
  const json = parseJson(value.toString());
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidClientMessageError('record value is not a JSON object');
  }
  const payload = plainToInstance(ClientMessagePayload, json);
  const errors = validateSync(payload, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new InvalidClientMessageError(`invalid message: ${reasons.join('; ')}`);
  }
  return payload;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidClientMessageError('record value is not valid JSON');
  }
}
