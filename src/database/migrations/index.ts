import { CreateUsers1763800000000 } from './1763800000000-create-users';

/** The example host's own migrations, oldest first; the auth module brings `AUTH_MIGRATIONS`. */
export const HOST_MIGRATIONS = [CreateUsers1763800000000];
