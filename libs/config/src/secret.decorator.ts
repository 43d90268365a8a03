/**
 * How a variable holds a secret: all of it (`value`, a token or a password) or the password
 * in the userinfo of the URI it holds (`uri-password`, `mongodb://user:password@host/`).
 */
export type SecretForm = 'value' | 'uri-password';

/** A secret the service holds, as its environment declared it. */
export interface DeclaredSecret {
  variable: string;
  value: string;
  form: SecretForm;
}

// Per environment class (its prototype): the variables it declared secret itself.
const SECRETS_OF_CLASS = new WeakMap<object, Map<string, SecretForm>>();

/**
 * Marks a variable of an environment class as a secret: its value never reaches a log
 * line, whatever field or text it ends up in. Subclasses inherit the marks of their base.
 */
export function Secret(form: SecretForm = 'value'): PropertyDecorator {
  return (prototype, variable) => {
    const own = SECRETS_OF_CLASS.get(prototype) ?? new Map<string, SecretForm>();
    own.set(String(variable), form);
    SECRETS_OF_CLASS.set(prototype, own);
  };
}

/** The secrets a validated environment holds: its variables marked {@link Secret} that are set. */
export function declaredSecrets(environment: object): DeclaredSecret[] {
  const forms = new Map<string, SecretForm>();
  for (
    let prototype = Reflect.getPrototypeOf(environment);
    prototype !== null;
    prototype = Reflect.getPrototypeOf(prototype)
  ) {
    // The class nearest the instance decides, as an override does.
    for (const [variable, form] of SECRETS_OF_CLASS.get(prototype) ?? [])
      if (!forms.has(variable)) forms.set(variable, form);
  }
  return [...forms].flatMap(([variable, form]) => {
    const value: unknown = (environment as Record<string, unknown>)[variable];
    return typeof value === 'string' && value !== '' ? [{ variable, value, form }] : [];
  });
}
