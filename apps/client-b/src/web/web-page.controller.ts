import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Copied next to the compiled code by the build (nest-cli.json `assets`).
const PUBLIC_DIR = join(__dirname, 'public');
const read = (file: string) => readFileSync(join(PUBLIC_DIR, file), 'utf8');

/**
 * The two pages, static files read once at start: the live inbox at `/` and
 * the operators' view at `/operator`. They hold no data, so they are served
 * to anyone; everything they show comes from the guarded endpoints.
 */
@ApiTags('page')
@Controller()
export class WebPageController {
  private readonly files = {
    html: read('index.html'),
    script: read('inbox.js'),
    style: read('inbox.css'),
    operatorHtml: read('operator.html'),
    operatorScript: read('operator.js'),
    operatorStyle: read('operator.css'),
  };

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

  @Get('operator')
  @Header('content-type', 'text/html; charset=utf-8')
  operatorPage(): string {
    return this.files.operatorHtml;
  }

  @Get('operator.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  operatorScript(): string {
    return this.files.operatorScript;
  }

  @Get('operator.css')
  @Header('content-type', 'text/css; charset=utf-8')
  operatorStyle(): string {
    return this.files.operatorStyle;
  }
}
