import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RECENT_FAILURES_KEPT } from '../inbox/recent-failures';

/** Query of GET /admin/failures. */
export class RecentFailuresQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(RECENT_FAILURES_KEPT)
  limit = 20;
}
