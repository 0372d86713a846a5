import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBrowser, findBrowser, installDebianChromium } from '../scripts/browser.js';
import { tempDir } from './helpers/temp-dir.js';

const run = promisify(execFile);
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** An executable shell script at `file`. */
function script(file: string, body: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const fakeChromium = (file: string) => script(file, 'echo "Chromium 999.0.1 built on Debian (fake)"');

/** ensureBrowser on a machine made of `tmp`: no Debian chromium, PATH = tmp/bin only. */
function ensure(env: Record<string, string>, install?: () => boolean) {
  const lines: string[] = [];
  let installs = 0;
  const code = ensureBrowser({
    env: { PATH: path.join(tmp.dir, 'bin'), ...env },
    debianPath: path.join(tmp.dir, 'usr/bin/chromium'),
    install: () => {
      installs += 1;
      return install ? install() : false;
    },
    log: (line) => lines.push(line),
  });
  return { code, output: lines.join('\n'), installs };
}

describe('npm test’s pretest step (scripts/ensure-test-tools.ts): the browser', () => {
  it('uses CHROMIUM_PATH when set and says which browser, with its version', () => {
    const chromium = fakeChromium(path.join(tmp.dir, 'opt/chromium'));
    const { code, output, installs } = ensure({ CHROMIUM_PATH: chromium });
    expect(code).toBe(0);
    expect(output).toBe(`Navigateur des tests (browser for the tests): Chromium 999.0.1 built on Debian (fake) — ${chromium}`);
    expect(installs).toBe(0);
  });

  it('finds Debian’s chromium, else chromium in PATH', () => {
    const inPath = fakeChromium(path.join(tmp.dir, 'bin/chromium'));
    expect(ensure({})).toMatchObject({ code: 0, output: expect.stringContaining(inPath), installs: 0 });
    const debian = fakeChromium(path.join(tmp.dir, 'usr/bin/chromium'));
    expect(ensure({})).toMatchObject({ code: 0, output: expect.stringContaining(debian), installs: 0 });
  });

  it('installs Debian’s chromium when there is no browser, then says which one the tests use', () => {
    const { code, output, installs } = ensure({}, () => {
      fakeChromium(path.join(tmp.dir, 'usr/bin/chromium'));
      return true;
    });
    expect(installs).toBe(1);
    expect(code).toBe(0);
    expect(output).toMatch(/^Chromium introuvable : installation du paquet Debian \(chromium, fonts-dejavu-core\)/);
    expect(output).toMatch(/Navigateur des tests \(browser for the tests\): Chromium 999\.0\.1 .* — .*\/usr\/bin\/chromium$/);
  });

  it('explains how to get one, in French and English, when it cannot install it', () => {
    const { code, output, installs } = ensure({});
    expect(installs).toBe(1);
    expect(code).toBe(1);
    expect(output).toMatch(/Impossible d'installer Chromium ici .* cannot install Chromium here/);
    expect(output).toContain('sudo apt-get install chromium fonts-dejavu-core');
    expect(output).toContain('CHROMIUM_PATH=/chemin/vers/chromium npm test');
  });

  it('does not install anything when CHROMIUM_PATH names a missing file: it says so', () => {
    fakeChromium(path.join(tmp.dir, 'usr/bin/chromium'));
    const { code, output, installs } = ensure({ CHROMIUM_PATH: path.join(tmp.dir, 'missing/chromium') });
    expect(code).toBe(1);
    expect(installs).toBe(0);
    expect(output).toMatch(/CHROMIUM_PATH=.*missing\/chromium n'est pas un exécutable/);
    expect(output).toMatch(/is not an executable file/);
  });

  it('says when the browser it found does not start', () => {
    const broken = script(path.join(tmp.dir, 'bin/chromium'), 'exit 3');
    const { code, output } = ensure({});
    expect(code).toBe(1);
    expect(output).toContain(`Chromium ne démarre pas / does not start: ${broken} --version`);
  });

  it.runIf(process.getuid?.() === 0)('installs with apt-get, without questions, the packages .ci/run installed', () => {
    const calls = path.join(tmp.dir, 'apt-calls');
    const bin = path.join(tmp.dir, 'bin');
    script(path.join(bin, 'apt-get'), `echo "$DEBIAN_FRONTEND $*" >> ${calls}`);
    expect(installDebianChromium({ PATH: bin }, () => {})).toBe(true);
    expect(readFileSync(calls, 'utf8')).toBe('noninteractive update -q\nnoninteractive install -y -q --no-install-recommends chromium fonts-dejavu-core\n');
    expect(installDebianChromium({ PATH: path.join(tmp.dir, 'nowhere') }, () => {})).toBe(false);
  });

  it('runs as the pretest script: one line on success, exit code 1 and no installation for a wrong CHROMIUM_PATH', async () => {
    const chromium = fakeChromium(path.join(tmp.dir, 'opt/chromium'));
    const cli = [process.execPath, ['--import', 'tsx', 'scripts/ensure-test-tools.ts']] as const;
    const ok = await run(cli[0], cli[1], { env: { ...process.env, CHROMIUM_PATH: chromium } });
    // The browser's line first, then PostgreSQL's (test/ensure-postgres.test.ts).
    expect(ok.stdout.split('\n')[0]).toBe(`Navigateur des tests (browser for the tests): Chromium 999.0.1 built on Debian (fake) — ${chromium}`);
    const failure = await run(cli[0], cli[1], { env: { ...process.env, CHROMIUM_PATH: path.join(tmp.dir, 'missing') } }).catch((e: { code: number; stdout: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stdout: string }).stdout).toMatch(/n'est pas un exécutable/);
    expect((failure as { stdout: string }).stdout).not.toMatch(/apt-get update/);
  });

  it('is what the browser tests launch: the same lookup', () => {
    const chromium = fakeChromium(path.join(tmp.dir, 'opt/chromium'));
    expect(findBrowser({ CHROMIUM_PATH: chromium })).toBe(chromium);
    expect(findBrowser({ PATH: path.join(tmp.dir, 'bin') }, path.join(tmp.dir, 'none'))).toBeUndefined();
  });
});
