import { preferredWaitSeconds } from './messages.controller';

describe(preferredWaitSeconds.name, () => {
  it.each([
    { prefer: undefined, seconds: undefined },
    { prefer: 'wait=5', seconds: 5 },
    { prefer: 'respond-async, wait=10', seconds: 10 },
    { prefer: 'WAIT = "7"', seconds: 7 },
    { prefer: 'wait=120', seconds: 30 },
    { prefer: 'wait=0', seconds: 0 },
    { prefer: 'wait=soon', seconds: undefined },
    { prefer: 'return=minimal', seconds: undefined },
  ])('should read $seconds from "$prefer"', ({ prefer, seconds }) => {
    expect(preferredWaitSeconds(prefer)).toBe(seconds);
  });
});
