import { isIP } from 'node:net';
import type { ConfigProblem } from './auth-configuration.error';
import type { PasskeySettings } from './auth-settings';

const RP_ID = 'LEX_AUTH__PASSKEYS__RP_ID';
const ORIGINS = 'LEX_AUTH__PASSKEYS__ORIGINS';
const OR_OFF = 'or switch passkeys off with LEX_AUTH__PASSKEYS__ENABLED=false';

/** Whether `host` is `rpId` or one of its subdomains: WebAuthn's "registrable domain suffix". */
export function isOnRpDomain(host: string, rpId: string): boolean {
  return host === rpId || host.endsWith(`.${rpId}`);
}

function rpIdProblem(rpId: string, stage: string): ConfigProblem | null {
  const bare = rpId.replace(/^\[|\]$/g, '');
  if (rpId === 'localhost' || rpId.endsWith('.localhost') || isIP(bare) !== 0) {
    return {
      variable: RP_ID,
      message:
        `passkeys.rp_id is "${rpId}" in ${stage}: passkeys registered for it work on no real ` +
        `site. Set ${RP_ID} to your domain (e.g. example.com), ${OR_OFF}.`,
    };
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(rpId)) {
    return {
      variable: RP_ID,
      message: `passkeys.rp_id "${rpId}" is not a domain name such as example.com (lower case, no scheme or port).`,
    };
  }
  return null;
}

function originProblem(origin: string, rpId: string | null, stage: string): ConfigProblem | null {
  const url = new URL(origin);
  if (url.protocol !== 'https:') {
    return {
      variable: ORIGINS,
      message: `passkeys origin ${origin} is not https in ${stage}: list only https:// origins, ${OR_OFF}.`,
    };
  }
  if (rpId !== null && !isOnRpDomain(url.hostname, rpId)) {
    return {
      variable: ORIGINS,
      message: `passkeys origin ${origin} is not on rp_id's domain ${rpId}: browsers refuse its ceremonies. Use ${rpId} or a subdomain of it.`,
    };
  }
  return null;
}

/**
 * What staging and production refuse of the passkey settings that are set, while passkeys are
 * enabled: an rp_id no deployed site can have, origins that are plain http or off its domain.
 * Unset ones are left to `PasskeysModule`, which refuses to boot without them: a host that does
 * not mount it needs no passkey settings.
 */
export function passkeyDeploymentProblems(
  passkeys: PasskeySettings,
  stage: string,
): ConfigProblem[] {
  if (!passkeys.enabled) return [];
  const rpId = passkeys.rpId === null ? null : rpIdProblem(passkeys.rpId, stage);
  if (rpId) return [rpId];
  return passkeys.origins
    .map((origin) => originProblem(origin, passkeys.rpId, stage))
    .filter((p): p is ConfigProblem => p !== null);
}
