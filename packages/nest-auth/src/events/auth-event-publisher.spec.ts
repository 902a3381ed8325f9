import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuthEventPublisher } from './auth-event-publisher';
import { AUTH_EVENTS, LoginFailedEvent } from './auth-events';

describe('AuthEventPublisher', () => {
  it('emits each event under its name with the event as payload', () => {
    const emitter = new EventEmitter2();
    const seen: unknown[] = [];
    emitter.on(AUTH_EVENTS.loginFailed, (event) => seen.push(event));
    const event = new LoginFailedEvent('a@example.com', 'wrong_password', 'u1');
    new AuthEventPublisher(emitter).publish(event);
    expect(seen).toEqual([event]);
  });

  it('drops events when the host has no emitter', () => {
    expect(() =>
      AuthEventPublisher.none.publish(new LoginFailedEvent('a@example.com', 'locked')),
    ).not.toThrow();
  });

  it('never lets a failing listener break the auth flow', () => {
    const emitter = new EventEmitter2();
    emitter.on(AUTH_EVENTS.loginFailed, () => {
      throw new Error('listener bug');
    });
    const publisher = new AuthEventPublisher(emitter);
    jest.spyOn(publisher['logger'], 'error').mockImplementation(() => undefined);
    expect(() => publisher.publish(new LoginFailedEvent('a@example.com', 'locked'))).not.toThrow();
  });
});
