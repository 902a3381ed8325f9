/** Longest recorded `User-Agent`, in characters (as `clientInfoOf` cuts it). */
export const MAX_SESSION_USER_AGENT = 512;
/** Longest recorded client address; an IPv6 address with a zone fits. */
export const MAX_SESSION_IP = 64;
