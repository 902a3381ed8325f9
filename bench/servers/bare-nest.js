// Reference for the boot and route benchmarks: the smallest Nest app with two JSON routes and no
// auth, on the adapter named by HTTP_ADAPTER. Plain JavaScript (decorators applied as functions) so that, like the
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

// The host's GET /whoami answer (an access token's principal), without any check: what Nest
// alone costs for the same response.
class WhoamiController {
  whoami() {
    return {
      userId: '0cb2f74e-49c9-4f3a-a3b9-132056ac1ee4',
      method: 'access_token',
      roles: [],
      scopes: null,
      sessionId: 'fcff8901-a1ef-47fa-9293-e99a65b6ebdc',
      tokenId: 'b6161660-afbb-40a1-89e1-55a024c65ff1',
      issuedAtMs: Date.now(),
      expiresAt: new Date(Date.now() + 1_800_000),
    };
  }
}
Controller('whoami')(WhoamiController);
Get()(
  WhoamiController.prototype,
  'whoami',
  Object.getOwnPropertyDescriptor(WhoamiController.prototype, 'whoami'),
);

class BareModule {}
Module({ controllers: [LiveController, WhoamiController] })(BareModule);

async function main() {
  const fastify = process.env.HTTP_ADAPTER === 'fastify';
  const adapter = fastify ? new (require('@nestjs/platform-fastify').FastifyAdapter)() : undefined;
  const app = await NestFactory.create(BareModule, adapter, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
