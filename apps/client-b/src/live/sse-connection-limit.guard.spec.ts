import { ConnectionLimit } from './sse-connection-limit.guard';

describe(ConnectionLimit.name, () => {
  it('should refuse one more than max, and take one again once a place is given back', () => {
    const limit = new ConnectionLimit(2);
    const [first, second, third] = [limit.take(), limit.take(), limit.take()];

    first?.();
    first?.(); // given back once, however often it is called
    const fourth = limit.take();

    expect([first, second, fourth].every((release) => typeof release === 'function')).toBe(true);
    expect(third).toBeUndefined();
    expect(limit.count).toBe(2);
    expect(limit.take()).toBeUndefined();
  });
});
