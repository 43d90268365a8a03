/** One offending field of a request and why it was refused. */
export interface FieldError {
  readonly field: string;
  readonly reasons: string[];
}

/** The shape of every error response of this system's HTTP services. */
export interface ErrorResponse {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly fields?: FieldError[];
  /** On an answer whose outcome is unknown (504): the message to look up later. */
  readonly messageId?: string;
  readonly correlationId: string;
}
