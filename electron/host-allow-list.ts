// Which Host headers web mode answers. A page on any web site can point a name of its own at
// the console's address (DNS rebinding) and would then talk to it from the user's browser as a
// same-origin page, Origin checks and all. Answering only names we chose defeats that: on a
// loopback-bound server the loopback names, on an intranet server the names its
// administrator lists (the server refuses to start on the network without such a list).

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The name part of a Host header ("127.0.0.1:5180" → "127.0.0.1", "[::1]:80" → "[::1]"), lower case. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const name = h.split(':')[0];
  return name.endsWith('.') ? name.slice(0, -1) : name; // "console.branch." is the same name
}

/** A name as given on the command line: bare (no scheme, port or path), IPv6 bracketed as in a Host header. */
export function normaliseAllowedHost(name: string): string {
  let n = name.trim().toLowerCase().replace(/\.$/, '');
  if (/^[0-9a-f:]+$/.test(n) && n.includes(':')) n = `[${n}]`;
  // host names as they travel in a Host header: ASCII (an internationalised name in punycode)
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/.test(n)) {
    throw new Error(`--allow-host 的主机名无效：「${name}」（只写主机名或 IP，不带 http:// 和端口）。 (Invalid host name for --allow-host.)`);
  }
  return n;
}

/**
 * The Host names a server bound to `bindHost` answers: loopback names always (the machine's own
 * browser), plus the listed names. Binding anything but loopback without a list is refused: an
 * intranet server that answered any Host could be reached through DNS rebinding from every
 * browser in the branch.
 */
export function allowedHostNames(bindHost: string, allowHosts: readonly string[] = []): Set<string> {
  const listed = allowHosts.map(normaliseAllowedHost);
  if (!isLoopbackHost(bindHost) && listed.length === 0) {
    throw new Error(
      `在 ${bindHost} 上对内网提供服务时，必须用 --allow-host 列出用户访问本机所用的主机名或 IP，例如 --allow-host console.branch.local,10.1.2.3。 ` +
        '(Serving beyond loopback requires --allow-host with the names users reach this machine by.)',
    );
  }
  return new Set([...LOOPBACK_NAMES, ...listed]);
}

/** Whether a request's Host header names this server; 127.x.y.z counts as loopback. */
export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!header) return false;
  const name = hostName(header);
  return allowed.has(name) || (allowed.has('127.0.0.1') && /^127(\.\d{1,3}){3}$/.test(name));
}
