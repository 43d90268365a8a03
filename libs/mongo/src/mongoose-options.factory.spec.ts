import { ServiceEnvironment } from '@app/config';
import { mongooseOptionsFromEnvironment } from './mongoose-options.factory';

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
