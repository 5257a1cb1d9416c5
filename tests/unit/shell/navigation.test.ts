import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTERNAL_HOSTS, vetExternalUrl } from '../../../electron/shell/external-url.js';
import { decideWindowOpen, isAllowedNavigation } from '../../../electron/shell/navigation.js';
import { isPermissionAllowed } from '../../../electron/shell/permissions.js';

describe('isAllowedNavigation', () => {
  it.each([
    'app://console/index.html',
    'app://console/index.html#/customers?org=350501',
    'app://console/',
    'app://CONSOLE/index.html',
  ])('allows the app origin: %s', (url) => expect(isAllowedNavigation(url)).toBe(true));

  it.each([
    'https://console/index.html',
    'http://127.0.0.1:5180/',
    'app://evil/index.html',
    'app://console.evil.com/',
    'app://console@evil/',
    'app://user:pw@console/',
    'app://console:8080/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedNavigation(url)).toBe(false));
});

describe('vetExternalUrl', () => {
  const hosts = ['pbc.gov.cn', 'www.nfra.gov.cn'];

  it('passes https links to allowed hosts and their subdomains', () => {
    expect(vetExternalUrl('https://pbc.gov.cn/a', hosts)).toBe('https://pbc.gov.cn/a');
    expect(vetExternalUrl('https://www.pbc.gov.cn/rmyh/index.html?x=1', hosts)).toBe('https://www.pbc.gov.cn/rmyh/index.html?x=1');
    expect(vetExternalUrl('HTTPS://WWW.NFRA.GOV.CN/', hosts)).toBe('https://www.nfra.gov.cn/');
  });

  it.each([
    'http://www.pbc.gov.cn/',
    'https://evilpbc.gov.cn/',
    'https://pbc.gov.cn.evil.com/',
    'https://nfra.gov.cn/', // only www.nfra.gov.cn is allowed, not its parent
    'https://user@pbc.gov.cn/',
    'https://pbc.gov.cn:8443/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://pbc.gov.cn/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'app://console/index.html',
    '//pbc.gov.cn/',
    'https://' + 'a'.repeat(3000) + '.pbc.gov.cn/',
  ])('refuses %s', (url) => expect(vetExternalUrl(url, hosts)).toBeNull());

  it('refuses everything with an empty allow-list, and has a non-empty default', () => {
    expect(vetExternalUrl('https://www.pbc.gov.cn/', [])).toBeNull();
    expect(DEFAULT_EXTERNAL_HOSTS.length).toBeGreaterThan(0);
    expect(vetExternalUrl(`https://${DEFAULT_EXTERNAL_HOSTS[0]}/`)).not.toBeNull();
  });
});

describe('decideWindowOpen', () => {
  const vet = (u: string) => vetExternalUrl(u, ['pbc.gov.cn']);
  it('allows app pages, hands vetted links to the system browser, refuses the rest', () => {
    expect(decideWindowOpen('app://console/index.html#/report/print', vet)).toEqual({ action: 'allow' });
    expect(decideWindowOpen('https://www.pbc.gov.cn/x', vet)).toEqual({ action: 'deny', openExternal: 'https://www.pbc.gov.cn/x' });
    expect(decideWindowOpen('https://example.com/', vet)).toEqual({ action: 'deny' });
    expect(decideWindowOpen('app://evil/index.html', vet)).toEqual({ action: 'deny' });
    expect(decideWindowOpen('about:blank', vet)).toEqual({ action: 'deny' });
  });
});

describe('isPermissionAllowed', () => {
  it('grants clipboard writes and full screen to the app’s own pages only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://console/index.html#/customers')).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'app://console/index.html')).toBe(true);
    // the check handler passes an origin without a path
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://console')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(isPermissionAllowed('fullscreen', undefined)).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb'])(
    'refuses %s even to the app',
    (p) => expect(isPermissionAllowed(p, 'app://console/index.html')).toBe(false),
  );
});
