import { Module } from '@nestjs/common';
import { AuthClock } from '../common/auth-clock';
import { AuthConfig } from '../settings/auth-config';
import { createExternalIdentityStore, createOidcLoginStateStore } from './create-oidc-stores';
import { IdentitiesController } from './identities.controller';
import { OidcAccountsService } from './oidc-accounts.service';
import { OidcClients } from './oidc-clients';
import { OidcFlowService } from './oidc-flow.service';
import { OidcIdentitiesService } from './oidc-identities.service';
import { OidcLoginService } from './oidc-login.service';
import { ConfigurableOidcModule, OIDC_MODULE_OPTIONS } from './oidc.module-definition';
import { OidcController } from './oidc.controller';
import { ExternalIdentityStore } from './stores/external-identity-store';
import { OidcLoginStateStore } from './stores/oidc-login-state-store';

/**
 * Sign-in through OpenID Connect and OAuth 2.0 providers (`auth.oidc.providers`), beside the
 * global AuthModule: `OidcModule.forRoot({ dataSource })`. Not imported: no route, no provider.
 */
@Module({
  controllers: [OidcController, IdentitiesController],
  providers: [
    {
      provide: ExternalIdentityStore,
      inject: [OIDC_MODULE_OPTIONS, AuthConfig],
      useFactory: createExternalIdentityStore,
    },
    {
      provide: OidcLoginStateStore,
      inject: [OIDC_MODULE_OPTIONS, AuthConfig, AuthClock],
      useFactory: createOidcLoginStateStore,
    },
    {
      provide: OidcClients,
      inject: [AuthConfig],
      useFactory: (c: AuthConfig) => new OidcClients(c),
    },
    OidcFlowService,
    OidcAccountsService,
    OidcLoginService,
    OidcIdentitiesService,
  ],
  exports: [ExternalIdentityStore, OidcLoginStateStore, OidcClients],
})
export class OidcModule extends ConfigurableOidcModule {}
