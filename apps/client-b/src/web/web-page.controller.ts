import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Copied next to the compiled code by the build (nest-cli.json `assets`).
const PUBLIC_DIR = join(__dirname, 'public');
const read = (file: string) => readFileSync(join(PUBLIC_DIR, file), 'utf8');

/** The live inbox page: three static files, read once at start. */
@ApiTags('page')
@Controller()
export class WebPageController {
  private readonly files = { html: read('index.html'), script: read('inbox.js'), style: read('inbox.css') };

  @Get()
  @ApiOperation({ summary: 'The live inbox page' })
  @ApiProduces('text/html')
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.files.html;
  }

  @Get('inbox.js')
  @ApiOperation({ summary: "The page's script" })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ content: { 'text/javascript': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return this.files.script;
  }

  @Get('inbox.css')
  @ApiOperation({ summary: "The page's style sheet" })
  @ApiProduces('text/css')
  @ApiOkResponse({ content: { 'text/css': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/css; charset=utf-8')
  style(): string {
    return this.files.style;
  }
}
