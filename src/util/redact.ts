/**
 * Credentials never leave the process: every URL shown in an endpoint, a log
 * line, print-config or a config error passes through here.
 * `redis://user:secret@host:6379` becomes `redis://user:***@host:6379`; a
 * password-only `redis://:secret@h` becomes `redis://:***@h`. A malformed
 * value (a config error) keeps nothing between its last '/' and its '@'.
 */
export function redactUrl(url: string): string {
  const masked = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/\s]*)@/i, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}***@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
  return masked === url ? url.replace(/[^/@]*@/, '***@') : masked;
}
