import { ConsoleLogger, Logger } from '@nestjs/common';
import { AuthStoreUnavailableError } from './auth.errors';
import { StoreOutages } from './store-outages';

const refusedConnection = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

/** The app logger of a pino host: the module logs `(fields, message)` to it. */
const STRUCTURED_LOGGER = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

describe('StoreOutages', () => {
  beforeAll(() => {
    Logger.overrideLogger(STRUCTURED_LOGGER);
  });
  afterAll(() => {
    Logger.overrideLogger(new ConsoleLogger());
  });

  let outages: StoreOutages;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  let debug: jest.SpyInstance;

  beforeEach(() => {
    outages = new StoreOutages();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const failAndRefuse = async (store: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const error = await outages
        .run(store, () => Promise.reject(refusedConnection()))
        .catch((e: unknown) => e as AuthStoreUnavailableError);
      outages.refused(error);
    }
  };

  it('turns a failed call into AuthStoreUnavailableError naming the store, with its cause', async () => {
    const cause = refusedConnection();

    const error = await outages
      .run('token blacklist', () => Promise.reject(cause))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthStoreUnavailableError);
    expect(error).toMatchObject({ store: 'token blacklist', cause });
  });

  it('logs one warning when an outage starts, however many calls fail, with no stack', async () => {
    await failAndRefuse('token blacklist', 50);

    expect(warn).toHaveBeenCalledTimes(1);
    const [fields, message] = warn.mock.calls[0] as [Record<string, unknown>, string];
    expect(message).toMatch(/^Dependency outage started: the token blacklist is unavailable/);
    expect(message).toContain('ECONNREFUSED');
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/\n\s+at /);
    expect(fields).not.toHaveProperty('err');
  });

  it('logs each refused request at debug without the error or its stack', async () => {
    await failAndRefuse('token blacklist', 3);

    expect(debug).toHaveBeenCalledTimes(3);
    expect(debug).toHaveBeenCalledWith(
      { store: 'token blacklist' },
      'Request refused: the token blacklist is unavailable.',
    );
  });

  it('logs the end once, at the next answered call, with the count of refused requests', async () => {
    await failAndRefuse('user store', 7);

    await outages.run('user store', () => Promise.resolve('row'));
    await outages.run('user store', () => Promise.resolve('row'));

    const ended = log.mock.calls.filter(([, m]) => String(m).startsWith('Dependency outage ended'));
    expect(ended).toHaveLength(1);
    expect(ended[0][0]).toMatchObject({ store: 'user store', refusedRequests: 7 });
    expect(ended[0][1]).toContain('7 request(s) were refused');
    expect(outages.isDown('user store')).toBe(false);
  });

  it('keeps one outage per store: another store failing starts its own, answering ends only its own', async () => {
    await failAndRefuse('token blacklist', 2);
    await failAndRefuse('login attempt tracker', 2);

    outages.succeeded('login attempt tracker');

    expect(warn).toHaveBeenCalledTimes(2);
    expect(outages.isDown('token blacklist')).toBe(true);
    expect(outages.isDown('login attempt tracker')).toBe(false);
  });

  it('starts an outage on a refusal alone, for a store that throws the error itself', () => {
    outages.refused(new AuthStoreUnavailableError('session store', new Error('pool closed')));

    expect(warn).toHaveBeenCalledTimes(1);
    expect(outages.isDown('session store')).toBe(true);
  });

  it('logs nothing while a store answers', async () => {
    await outages.run('rate limiter', () => Promise.resolve(1));

    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('never logs credentials a cause message may carry', async () => {
    const cause = new Error('connect to redis://:s3cret@10.0.0.7:6379 failed');

    await outages.run('rate limiter', () => Promise.reject(cause)).catch(() => undefined);

    expect(JSON.stringify(warn.mock.calls)).not.toContain('s3cret');
  });
});
