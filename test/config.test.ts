import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/infra/config/load-config.js';

describe('configuration', () => {
  it('needs no variable at all: web chat on port 3978, data in ./data', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3978, DATA_DIR: './data', CONTENT_DIR: './content', COOKIE_DAYS: 395, TRUST_PROXY: 0 });
    // Secure or not follows PUBLIC_URL unless set.
    expect(loadConfig({}).COOKIE_SECURE).toBeUndefined();
  });

  it('names every bad variable with its value and the reason, in French', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'verbose', COOKIE_SECRET: 'court' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT="abc" : doit être un nombre/),
        expect.stringMatching(/^LOG_LEVEL="verbose" : doit être fatal, error/),
        expect.stringMatching(/^COOKIE_SECRET="court" : doit faire au moins 32 caractères/),
      ]),
    );
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000" : doit être compris entre 0 et 65535/);
  });

  it('refuses a half-configured Teams registration, saying what is missing', () => {
    expect(() => loadConfig({ MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })).toThrow(/MicrosoftAppPassword="" : est requis quand MicrosoftAppId est défini/);
    expect(() => loadConfig({ MicrosoftAppId: 'mon-bot', MicrosoftAppPassword: 'x' })).toThrow(/MicrosoftAppId="mon-bot" : doit être un identifiant GUID/);
    expect(() =>
      loadConfig({ MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }),
    ).toThrow(/MicrosoftAppTenantId="" : est requis pour un bot SingleTenant/);
  });
});
