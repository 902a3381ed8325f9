import { stopRunServices, takeRunServices } from './run-services';

/** Jest globalTeardown of the e2e project: stops the servers global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const services = takeRunServices();
  if (services) await stopRunServices(services);
}
