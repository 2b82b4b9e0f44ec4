/**
 * Credentials never leave the process: every URL shown in an endpoint, a log
 * line or print-config passes through here. `redis://user:secret@host:6379`
 * becomes `redis://user:***@host:6379`; a password-only `redis://:secret@h`
 * becomes `redis://:***@h`.
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/\s]*)@/i, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}***@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}
