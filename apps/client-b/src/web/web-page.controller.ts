import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Copied next to the compiled code by the build (nest-cli.json `assets`).
const PUBLIC_DIR = join(__dirname, 'public');
const read = (file: string) => readFileSync(join(PUBLIC_DIR, file), 'utf8');

/** The live inbox page: three static files, read once at start. */
@Controller()
export class WebPageController {
  private readonly files = { html: read('index.html'), script: read('inbox.js'), style: read('inbox.css') };

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.files.html;
  }

  @Get('inbox.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return this.files.script;
  }

  @Get('inbox.css')
  @Header('content-type', 'text/css; charset=utf-8')
  style(): string {
    return this.files.style;
  }
}
