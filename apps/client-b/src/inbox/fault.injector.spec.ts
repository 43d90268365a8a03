import { Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { FaultInjector, InjectedFaultError } from './fault.injector';

function injector(initial?: string): FaultInjector {
  return new FaultInjector(Object.assign(new ClientBEnvironment(), { FAULT_INJECTION_MATCH: initial }));
}

describe(FaultInjector.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it.each([
    { initial: undefined, changedTo: 'boom', text: 'a boom here', fails: true },
    { initial: 'boom', changedTo: null, text: 'a boom here', fails: false },
    { initial: 'boom', changedTo: 'bang', text: 'a boom here', fails: false },
    { initial: 'boom', changedTo: 'bang', text: 'a bang here', fails: true },
  ])(
    'should fail "$text" $fails when FAULT_INJECTION_MATCH=$initial is changed to $changedTo',
    ({ initial, changedTo, text, fails }) => {
      // Arrange
      const faults = injector(initial);

      // Act
      faults.match = changedTo;

      // Assert
      expect(faults.match).toBe(changedTo);
      expect(faults.faultFor(text)).toEqual(fails ? expect.any(InjectedFaultError) : undefined);
    },
  );

  it('should start from FAULT_INJECTION_MATCH, and off when it is unset', () => {
    expect([injector('boom').match, injector().match]).toEqual(['boom', null]);
  });
});
