import { removeTempDirs } from './temp-dirs';

// A root-level hook: it runs after every describe block's afterAll (where specs close the apps
// that use the folders), also when tests failed. Specs keep their own hooks inside describe.
afterAll(removeTempDirs);
