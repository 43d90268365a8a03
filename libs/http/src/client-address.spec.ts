import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { clientAddress } from './client-address';

function requestFrom(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: peer });
  const request = new IncomingMessage(socket);
  if (forwardedFor !== undefined) request.headers['x-forwarded-for'] = forwardedFor;
  return request;
}

describe(clientAddress.name, () => {
  it.each([
    { hops: 0, forwardedFor: undefined, expected: '10.0.0.1' },
    { hops: 0, forwardedFor: '203.0.113.7', expected: '10.0.0.1' },
    { hops: 1, forwardedFor: '203.0.113.7', expected: '203.0.113.7' },
    { hops: 1, forwardedFor: '198.51.100.9, 203.0.113.7', expected: '203.0.113.7' },
    { hops: 2, forwardedFor: '198.51.100.9, 203.0.113.7', expected: '198.51.100.9' },
    { hops: 1, forwardedFor: undefined, expected: '10.0.0.1' },
  ])(
    'should answer $expected when $hops hop(s) are trusted and X-Forwarded-For is $forwardedFor',
    ({ hops, forwardedFor, expected }) => {
      expect(clientAddress(requestFrom('10.0.0.1', forwardedFor), hops)).toBe(expected);
    },
  );
});
