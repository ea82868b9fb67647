import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcServer, type OidcServer } from '../support/oidc-server.js';
import { SMALL } from './support/browser.js';
import { SHOTS, useServerAndBrowser } from './support/server-and-browser.js';

const POLL = { timeout: 10_000, interval: 100 };

// The Connect button in Settings, a real popup through a real provider's login and consent
// (oidc-provider's own pages) and back through the callback page, in a real Chromium.
const e2e = useServerAndBrowser();
let oidc: OidcServer;
beforeAll(async () => {
  oidc = await startOidcServer({ redirectUri: `${e2e.server.base}/oauth/callback` });
});
afterAll(async () => oidc?.close());

describe('connecting an OAuth2 credential in the editor', () => {
  it('creates an OAuth2 credential, connects it in a popup through the consent, and shows the connected account', async () => {
    const { page } = e2e.browser;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'New credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'New credential' });
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'OAuth2' });
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Acme CRM');
    await dialog.getByRole('textbox', { name: /^Client ID/ }).fill(oidc.clientId);
    await dialog.getByLabel(/^Client secret/).fill(oidc.clientSecret);
    await dialog.getByRole('textbox', { name: /^Authorization URL/ }).fill(`${oidc.issuer}/auth`);
    await dialog.getByRole('textbox', { name: /^Token URL/ }).fill(`${oidc.issuer}/token`);
    await dialog.getByRole('textbox', { name: /^Issuer/ }).fill(oidc.issuer);
    await dialog.getByRole('textbox', { name: /^Scopes/ }).fill('openid email offline_access');
    await page.screenshot({ path: join(SHOTS, 'oauth2-new.png') });
    await dialog.getByRole('button', { name: 'Create credential' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('table', { name: 'Credentials' }).locator('tbody tr', { hasText: 'Acme CRM' });
    await expect.poll(() => row.textContent(), POLL).toContain('Not connected');
    const popupOpened = page.waitForEvent('popup');
    await row.getByRole('button', { name: 'Connect Acme CRM' }).click();
    const popup = await popupOpened;
    await popup.locator('input[name="login"]').fill('ana');
    await popup.locator('input[name="password"]').fill('any password');
    await popup.screenshot({ path: join(SHOTS, 'oauth2-provider-login.png') });
    await popup.getByRole('button', { name: 'Sign-in' }).click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    // The callback page tells this window and closes itself.
    await popup.waitForEvent('close', { timeout: 15_000 }).catch(async (e: unknown) => {
      await popup.screenshot({ path: join(SHOTS, 'oauth2-popup-stuck.png') });
      throw e;
    });

    await expect.poll(() => row.textContent(), POLL).toContain('Connected as ana@example.test');
    expect(oidc.grants.authorization_code).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'oauth2-connected.png') });
    await page.setViewportSize(SMALL);
    await page.screenshot({ path: join(SHOTS, 'oauth2-connected-1280.png') });
    // Nothing the provider issued reached the page: no token, and the secret never came back.
    expect(await page.content()).not.toContain(oidc.clientSecret);
  }, 90_000);
});
