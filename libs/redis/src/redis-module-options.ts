/** What {@link RedisModule} needs to connect. */
export interface RedisModuleOptions {
  /** `redis://` or `rediss://`, possibly with credentials; unset: no Redis at all. */
  readonly url?: string;
  /** Upper bound of a connect and of each command. */
  readonly timeoutMs: number;
}
