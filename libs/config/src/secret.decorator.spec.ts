import { declaredSecrets, Secret } from './secret.decorator';

class BaseEnvironment {
  @Secret()
  TOKEN?: string;

  @Secret('uri-password')
  DATABASE_URI = 'mongodb://app:pw@db/';

  PORT = 3000;
}

class AppEnvironment extends BaseEnvironment {
  @Secret()
  APP_TOKEN?: string;

  override TOKEN?: string = undefined;
}

describe(declaredSecrets.name, () => {
  it('should list the variables marked secret of the class and of its base when they are set', () => {
    const environment = Object.assign(new AppEnvironment(), { TOKEN: 'base-token', APP_TOKEN: 'app-token' });

    const secrets = declaredSecrets(environment);

    expect(secrets).toEqual(
      expect.arrayContaining([
        { variable: 'TOKEN', value: 'base-token', form: 'value' },
        { variable: 'DATABASE_URI', value: 'mongodb://app:pw@db/', form: 'uri-password' },
        { variable: 'APP_TOKEN', value: 'app-token', form: 'value' },
      ]),
    );
    expect(secrets).toHaveLength(3);
  });

  it.each([
    { label: 'unset', TOKEN: undefined },
    { label: 'empty', TOKEN: '' },
  ])('should leave a secret out when it is $label', ({ TOKEN }) => {
    const environment = Object.assign(new BaseEnvironment(), { TOKEN });

    expect(declaredSecrets(environment).map((secret) => secret.variable)).toEqual(['DATABASE_URI']);
  });

  it('should not mark the variables of a base class secret when only a subclass declares them', () => {
    const base = Object.assign(new BaseEnvironment(), { APP_TOKEN: 'not declared here' });

    expect(declaredSecrets(base).map((secret) => secret.variable)).not.toContain('APP_TOKEN');
  });
});
