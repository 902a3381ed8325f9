import { CreateUsers1763800000000 } from './1763800000000-create-users';
import { AddUserRolesAndVerification1763900000000 } from './1763900000000-add-user-roles-and-verification';

/** The example host's own migrations, oldest first; the auth module brings `AUTH_MIGRATIONS`. */
export const HOST_MIGRATIONS = [CreateUsers1763800000000, AddUserRolesAndVerification1763900000000];
