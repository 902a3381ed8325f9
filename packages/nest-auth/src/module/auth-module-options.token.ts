/**
 * The injection token of the options given to `AuthModule.forRoot`/`forRootAsync`. Its own file,
 * so a feature module reads the options without importing the root module's files.
 */
export const AUTH_MODULE_OPTIONS = Symbol('AUTH_MODULE_OPTIONS');
