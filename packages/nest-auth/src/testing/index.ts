export { AuthTestTokens } from './auth-test-tokens';
export { type AuthStubOptions, type AuthStubUser, STUB_SECRET_KEY } from './auth-stub.module';
export { testKeyPair, type PemKeyPair } from './test-key-pair';
export { StubPasskeys, type StubPasskeySeed, type StubAnswerOptions } from './stub-passkeys';
