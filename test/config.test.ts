import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/infra/config/config-schema.js';
import { ConfigError, loadConfig } from '../src/infra/config/load-config.js';

/** The one line loadConfig writes about `name` set to `value`, or undefined when it is accepted. */
function problemWith(name: string, value: string): string | undefined {
  try {
    loadConfig({ [name]: value });
    return undefined;
  } catch (err) {
    return (err as ConfigError).problems.find((p) => p.startsWith(`${name}=`));
  }
}

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

  it('names the allowed range for a number out of range, not « doit être un nombre »', () => {
    expect(problemWith('FLOOD_BURST', '100000')).toBe('FLOOD_BURST="100000" : doit être compris entre 1 et 1000');
    expect(problemWith('FLOOD_PER_SECOND', '0.01')).toBe('FLOOD_PER_SECOND="0.01" : doit être compris entre 0.1 et 100');
  });

  it('names the allowed range in every error about a number, whatever the variable', () => {
    // The numbers are the variables that refuse a word as « not a number ».
    const numeric = Object.keys(ConfigSchema.shape).filter((name) => problemWith(name, 'abc')?.includes('doit être un nombre'));
    expect(numeric).toEqual(
      expect.arrayContaining(['PORT', 'MAX_TEXT_LENGTH', 'MAX_FRAME_BYTES', 'STORAGE_FLUSH_MS', 'FLOOD_BURST', 'FLOOD_PER_SECOND', 'REPORT_LINK_DAYS', 'RETENTION_DAYS', 'JEUDIS_TEAMS_RATE', 'JEUDIS_CONCURRENCY']),
    );
    for (const name of numeric) {
      for (const value of ['abc', '-5', '1000000000', '2.5']) {
        const problem = problemWith(name, value);
        // 2.5 is a right value for a rate; every refusal says what is allowed.
        if (problem) expect(problem, `${name}=${value}`).toMatch(/compris entre -?[\d.]+ et [\d.]+$/);
      }
    }
  });

  it('refuses a half-configured Teams registration, saying what is missing', () => {
    expect(() => loadConfig({ MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })).toThrow(/MicrosoftAppPassword="" : est requis quand MicrosoftAppId est défini/);
    expect(() => loadConfig({ MicrosoftAppId: 'mon-bot', MicrosoftAppPassword: 'x' })).toThrow(/MicrosoftAppId="mon-bot" : doit être un identifiant GUID/);
    expect(() =>
      loadConfig({ MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }),
    ).toThrow(/MicrosoftAppTenantId="" : est requis pour un bot SingleTenant/);
  });
});
