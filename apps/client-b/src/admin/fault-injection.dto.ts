import { IsDefined, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Body of PUT /admin/fault-injection: the text that makes messages fail, or null to stop. */
export class FaultInjectionDto {
  @IsDefined({ message: 'match is required: a text, or null to turn fault injection off' })
  @ValidateIf((body: FaultInjectionDto) => body.match !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  match!: string | null;
}
