import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('OIDC and SMTP settings', () => {
  it('are off unless set', () => {
    const c = readConfig({});
    expect(c.oidc).toBeNull();
    expect(c.smtpUrl).toBeNull();
  });

  it('read the provider with defaults for the claim and the label', () => {
    const c = readConfig({
      OIDC_ISSUER: 'https://sso.vneid.gov.vn',
      OIDC_CLIENT_ID: 'so-tay',
      SMTP_URL: 'smtps://thu%40xa.vn:mk@mail.xa.vn:465',
    });
    expect(c.oidc).toEqual({
      issuer: 'https://sso.vneid.gov.vn',
      clientId: 'so-tay',
      clientSecret: null,
      cccdClaim: 'cccd',
      label: 'VNeID',
    });
    expect(c.smtpUrl).toBe('smtps://thu%40xa.vn:mk@mail.xa.vn:465');
  });

  it('refuse half a configuration, plain http away from this machine, and a URL that is not SMTP', () => {
    expect(() => readConfig({ OIDC_ISSUER: 'https://sso.example.vn' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => readConfig({ OIDC_ISSUER: 'http://sso.example.vn', OIDC_CLIENT_ID: 'x' })).toThrow(/https/);
    expect(readConfig({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'x' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(() => readConfig({ SMTP_URL: 'mail.xa.vn' })).toThrow(/SMTP_URL/);
  });
});
