import { redisAddress } from './redis-address';

describe(redisAddress.name, () => {
  it.each([
    { url: 'redis://127.0.0.1:6380', address: 'redis://127.0.0.1:6380' },
    { url: 'rediss://default:s3cr3t@cache.example.com:6380/2', address: 'rediss://cache.example.com:6380' },
    { url: 'redis://:s3cr3t@cache', address: 'redis://cache:6379' },
    { url: 'redis://:s3cr3t@cache:99999', address: 'Redis (unparseable URL)' },
  ])('should show $address for $url', ({ url, address }) => {
    // Act
    const shown = redisAddress(url);

    // Assert
    expect(shown).toBe(address);
    expect(shown).not.toContain('s3cr3t');
  });
});
