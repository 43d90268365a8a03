import { writeDefaultsFor } from './write-defaults-for';

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
