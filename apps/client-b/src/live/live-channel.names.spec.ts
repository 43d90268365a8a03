import { liveChannelNames } from './live-channel.names';

describe(liveChannelNames.name, () => {
  it.each([
    { namespace: '', inbox: 'clientB', stored: 'client-b:clientB:stored-messages', key: 'client-b:clientB:socket.io' },
    {
      namespace: 'e2e-1a2b3c4d.',
      inbox: 'clientB',
      stored: 'e2e-1a2b3c4d.client-b:clientB:stored-messages',
      key: 'e2e-1a2b3c4d.client-b:clientB:socket.io',
    },
    {
      namespace: 'staging.',
      inbox: 'clientC',
      stored: 'staging.client-b:clientC:stored-messages',
      key: 'staging.client-b:clientC:socket.io',
    },
  ])(
    'should name $stored and $key for namespace "$namespace" and inbox $inbox',
    ({ namespace, inbox, stored, key }) => {
      // Act
      const names = liveChannelNames(namespace, inbox);

      // Assert
      expect(names).toEqual({ storedMessages: stored, socketIoKey: key });
    },
  );
});
