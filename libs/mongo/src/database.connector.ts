import { ConfigurationError, ServiceEnvironment } from '@app/config';
import { maskUriPasswords } from '@app/logging';
import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, ConnectionStates } from 'mongoose';
import { mongooseConnectOptions } from './mongoose-options.factory';

// The server's codes for credentials it refuses: AuthenticationFailed, and Atlas' own.
const AUTHENTICATION_FAILED = new Set([18, 8000]);
// Node's codes for a certificate chain that does not lead to an authority we trust.
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorLike {
  code?: unknown;
  codeName?: unknown;
  cause?: unknown;
  reason?: { servers?: Map<string, { error?: unknown }> };
}

/**
 * Opens the service's MongoDB connection, a step of start-up (the module makes it
 * without waiting for it): a database not reachable yet is an error to wait on and try
 * again; credentials it refuses or a certificate not trusted is a ConfigurationError.
 */
@Injectable()
export class DatabaseConnector {
  private readonly logger = new Logger(DatabaseConnector.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly env: ServiceEnvironment,
  ) {}

  /** Where the service connects, its password masked: for the "waiting for …" lines. */
  get address(): string {
    return `MongoDB at ${maskUriPasswords(this.env.MONGODB_URI)} (database ${this.env.MONGODB_DB_NAME})`;
  }

  async connect(): Promise<void> {
    if (this.connection.readyState === ConnectionStates.connected) return;
    try {
      // The module's first attempt, while it is under way; after a failure, a new one.
      if (this.connection.readyState === ConnectionStates.connecting) await this.connection.asPromise();
      else await this.connection.openUri(this.env.MONGODB_URI, mongooseConnectOptions(this.env));
    } catch (error) {
      const explained = explainDatabaseFailure(error);
      // The driver's own message may quote the URI: only what is said here, never the cause's text.
      if (explained) throw new ConfigurationError(explained);
      throw error;
    }
    this.logger.log(`Connected to ${this.address}`);
  }
}

/** Why the connection failed, when waiting cannot cure it; undefined otherwise. */
export function explainDatabaseFailure(error: unknown): string | undefined {
  for (const { code, codeName } of causesOf(error)) {
    if (AUTHENTICATION_FAILED.has(code as number) || codeName === 'AuthenticationFailed') {
      return 'MongoDB authentication failed: check the user and password in MONGODB_URI';
    }
    if (typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code)) {
      return `MongoDB server certificate not accepted (${code}): check MONGODB_URI's host and TLS options`;
    }
  }
  return undefined;
}

// The error, what it wraps, and the error of each server a server selection tried.
function* causesOf(error: unknown, depth = 0): Generator<ErrorLike> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const candidate = error as ErrorLike;
  yield candidate;
  yield* causesOf(candidate.cause, depth + 1);
  for (const server of candidate.reason?.servers?.values() ?? []) yield* causesOf(server.error, depth + 1);
}
