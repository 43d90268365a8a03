import { ServiceEnvironment } from '@app/config';
import { mongooseOptionsFromEnvironment, writeDefaultsFor } from './mongoose-options.factory';

function environment(uri: string): ServiceEnvironment {
  return Object.assign(new ServiceEnvironment(), { MONGODB_URI: uri });
}

describe(mongooseOptionsFromEnvironment.name, () => {
  it('should leave index creation to the start-up step when it builds the options', () => {
    // Act
    const options = mongooseOptionsFromEnvironment(environment('mongodb://127.0.0.1:27017/'));

    // Assert
    expect(options.autoIndex).toBe(false);
  });

  it('should ask for majority writes and retried writes when the URI does not say', () => {
    // Act
    const options = mongooseOptionsFromEnvironment(environment('mongodb+srv://u:p@cluster0.abcde.mongodb.net/'));

    // Assert
    expect(options).toMatchObject({ retryWrites: true, writeConcern: { w: 'majority' } });
  });

  it("should keep the URI's own write concern when it sets one", () => {
    // Act
    const options = mongooseOptionsFromEnvironment(environment('mongodb://db/?w=1&retryWrites=false'));

    // Assert
    expect(options).not.toHaveProperty('writeConcern');
    expect(options).not.toHaveProperty('retryWrites');
  });
});

describe(writeDefaultsFor.name, () => {
  it.each([
    { uri: 'mongodb://127.0.0.1:27017/', expected: { retryWrites: true, writeConcern: { w: 'majority' } } },
    {
      uri: 'mongodb+srv://u:p@cluster0.abcde.mongodb.net/?appName=Cluster0',
      expected: { retryWrites: true, writeConcern: { w: 'majority' } },
    },
    { uri: 'mongodb+srv://u:p@cluster0.abcde.mongodb.net/?retryWrites=true&w=majority', expected: {} },
    { uri: 'mongodb://db/?w=1', expected: { retryWrites: true } },
    { uri: 'mongodb://db/?retrywrites=false', expected: { writeConcern: { w: 'majority' } } },
    { uri: 'mongodb://db/?wtimeoutMS=500', expected: { retryWrites: true, writeConcern: { w: 'majority' } } },
  ])('should add $expected when the URI is $uri', ({ uri, expected }) => {
    // Act
    const defaults = writeDefaultsFor(uri);

    // Assert
    expect(defaults).toEqual(expected);
  });
});
