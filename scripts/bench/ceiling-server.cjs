// Reference: a bare NestJS endpoint with client-a's exact DTO, validation pipe,
// error filter and Fastify adapter, and no I/O: the ceiling of the accepted rate.
// Plain JS over the compiled app, so the benchmark measures the same code client-a runs.
require('reflect-metadata');
const { join } = require('node:path');
const { Body, Controller, HttpCode, Module, Post } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

const dist = join(__dirname, '..', '..', 'dist', 'apps', 'client-a');
const { SendMessageDto } = require(join(dist, 'apps', 'client-a', 'src', 'messages', 'send-message.dto.js'));
const { createFastifyAdapter, createValidationPipe, HttpExceptionFilter } = require(join(dist, 'libs', 'http', 'src'));

class CeilingController {
  send(dto) {
    return { messageId: '00000000-0000-4000-8000-000000000000', status: 'sent', to: dto.to };
  }
}
const send = Object.getOwnPropertyDescriptor(CeilingController.prototype, 'send');
Reflect.defineMetadata('design:paramtypes', [SendMessageDto], CeilingController.prototype, 'send');
Body()(CeilingController.prototype, 'send', 0);
Reflect.decorate([Post('send-message'), HttpCode(201)], CeilingController.prototype, 'send', send);
Reflect.decorate([Controller()], CeilingController);

class CeilingModule {}
Reflect.decorate([Module({ controllers: [CeilingController] })], CeilingModule);

(async () => {
  const app = await NestFactory.create(CeilingModule, createFastifyAdapter(), { logger: ['error'], bodyParser: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('ceiling server listening');
})();
