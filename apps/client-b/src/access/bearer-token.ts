const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i;

/** The token of an `Authorization: Bearer <token>` header (RFC 6750); undefined for any other. */
export function bearerTokenOf(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  return BEARER.exec(authorization)?.[1];
}
