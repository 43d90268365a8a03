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
  readonly correlationId: string;
}
