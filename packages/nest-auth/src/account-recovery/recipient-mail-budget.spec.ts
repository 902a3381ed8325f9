import { ThrottlerStorageService } from '@nestjs/throttler';
import { RecipientMailBudget } from './recipient-mail-budget';

describe('RecipientMailBudget', () => {
  let storage: ThrottlerStorageService;
  let budget: RecipientMailBudget;

  beforeEach(() => {
    jest.useFakeTimers();
    storage = new ThrottlerStorageService();
    budget = new RecipientMailBudget(storage, { limit: 2, ttlSeconds: 3600, text: '2/hour' });
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('allows `limit` messages per address and window, however the address is written', async () => {
    expect(await budget.take('a@example.com')).toBe(true);
    expect(await budget.take(' A@Example.com')).toBe(true);
    expect(await budget.take('a@example.com')).toBe(false);
    expect(await budget.take('b@example.com')).toBe(true);

    jest.advanceTimersByTime(3600 * 1000 + 1);
    expect(await budget.take('a@example.com')).toBe(true);
  });

  it('keys the counter by a hash, never by the address', async () => {
    const increment = jest.spyOn(storage, 'increment');

    await budget.take('a@example.com');

    const [key, ttl, limit, , name] = increment.mock.calls[0];
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect([ttl, limit, name]).toEqual([3600_000, 2, 'mail_recipient']);
  });

  it('rejects when the storage does, so nothing is sent uncounted', async () => {
    jest.spyOn(storage, 'increment').mockRejectedValue(new Error('down'));

    await expect(budget.take('a@example.com')).rejects.toThrow('down');
  });
});
