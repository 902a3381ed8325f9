// Reference for the boot benchmark: the smallest Nest app with one JSON route, on the adapter
// named by HTTP_ADAPTER. Plain JavaScript (decorators applied as functions) so that, like the
// host's dist/main.js, it starts without a TypeScript compiler in the way.
//   HTTP_ADAPTER=fastify PORT=3400 node bench/servers/bare-nest.js
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

class LiveController {
  live() {
    return { status: 'ok' };
  }
}
Controller('health')(LiveController);
Get('live')(
  LiveController.prototype,
  'live',
  Object.getOwnPropertyDescriptor(LiveController.prototype, 'live'),
);

class BareModule {}
Module({ controllers: [LiveController] })(BareModule);

async function main() {
  const fastify = process.env.HTTP_ADAPTER === 'fastify';
  const adapter = fastify
    ? new (require('@nestjs/platform-fastify').FastifyAdapter)()
    : undefined;
  const app = await NestFactory.create(BareModule, adapter, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
