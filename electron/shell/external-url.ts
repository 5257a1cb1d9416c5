// shell.openExternal hands a URL to the operating system, which will launch whatever handles its
// scheme (file:, smb:, ms-msdt: have all been used for code execution). Only https links to a
// short list of hosts are passed on.

/** Public sites a branch console has reason to link to: the central bank and the regulator. */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['www.pbc.gov.cn', 'www.nfra.gov.cn'];

/**
 * Returns the normalised URL if it may be opened externally, else null. A host matches exactly
 * or as a subdomain of an allowed host ("x.pbc.gov.cn" for "pbc.gov.cn"), never by substring.
 */
export function vetExternalUrl(raw: string, allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (url.port && url.port !== '443') return null;
  const host = url.hostname.toLowerCase();
  const ok = allowedHosts.some((h) => {
    const allowed = h.toLowerCase();
    return host === allowed || host.endsWith(`.${allowed}`);
  });
  return ok ? url.href : null;
}
