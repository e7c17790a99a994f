import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// The example workflow as a runner reads it, before paycert is on the registry: every job that runs paycert installs
// it from the tarballs the `package` job packs (both packages together), and nothing installs an unpublished name.
// test/package.spec.ts proves that the same `npm pack` commands give tarballs that install and run.

const text = readFileSync(fileURLToPath(new URL('./paycert.yml', import.meta.url)), 'utf8');
const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));

interface Step {
  job: string;
  text: string;
}

/** The steps of each job, in order, as their raw YAML lines (enough for the commands and `uses:` lines). */
function steps(): Step[] {
  const out: Step[] = [];
  let job = '';
  let inJobs = false;
  for (const line of text.split('\n')) {
    if (/^jobs:\s*$/.test(line)) inJobs = true;
    else if (/^\S/.test(line)) inJobs = false;
    const name = /^ {2}([\w-]+):\s*$/.exec(line);
    if (inJobs && name) job = name[1]!;
    else if (inJobs && /^ {6}- /.test(line)) out.push({ job, text: `${line}\n` });
    else if (inJobs && out.length > 0 && out.at(-1)!.job === job && /^ {8}/.test(line))
      out.at(-1)!.text += `${line}\n`;
  }
  return out;
}

const UNPUBLISHED = /\bnpm (?:install|i|add)\b[^\n]*?\s(?:paycert|paycert-schemas)(?:@\S*)?(?=\s|$)/m;
const TARBALL_INSTALL = 'npm install --no-save paycert-tarballs/*.tgz';

describe('examples/ci/paycert.yml', () => {
  const all = steps();
  const jobs = [...new Set(all.map((s) => s.job))];

  it('installs no unpublished package by name', () => {
    expect(all.filter((s) => UNPUBLISHED.test(s.text)).map((s) => s.text)).to.deep.equal([]);
    expect(text).to.include(TARBALL_INSTALL);
  });

  it('the package job packs both packages from a paycert checkout and uploads them', () => {
    const pack = all
      .filter((s) => s.job === 'package')
      .map((s) => s.text)
      .join('');
    expect(pack).to.match(/repository: paycert\/paycert/);
    expect(pack).to.include('npm ci');
    expect(pack).to.include('npm pack --workspace schemas --pack-destination ../paycert-tarballs');
    expect(pack).to.include('npm pack --pack-destination ../paycert-tarballs');
    expect(pack).to.match(/name: paycert-tarballs/);
  });

  it('every job that runs paycert first downloads the tarballs and installs both together', () => {
    const running = jobs.filter((j) => all.some((s) => s.job === j && /\bnpx paycert\b/.test(s.text)));
    expect(running).to.deep.equal(['certify', 'verdict']);
    for (const job of running) {
      const own = all.filter((s) => s.job === job);
      const download = own.findIndex(
        (s) => /download-artifact/.test(s.text) && /name: paycert-tarballs/.test(s.text),
      );
      const install = own.findIndex((s) => s.text.includes(TARBALL_INSTALL));
      const first = own.findIndex((s) => /\bnpx paycert\b/.test(s.text));
      expect([job, download >= 0, download < install, install < first]).to.deep.equal([
        job,
        true,
        true,
        true,
      ]);
      expect(
        new RegExp(`^ {2}${job}:\\n(?: {4}.*\\n)*? {4}needs: .*\\bpackage\\b`, 'm').test(text),
        job,
      ).to.equal(true);
    }
  });

  it('runs on a Node that paycert states it supports', () => {
    const versions = [...text.matchAll(/node-version: (\d+)/g)].map((m) => m[1]!);
    expect(versions.length).to.be.greaterThan(0);
    for (const v of versions) expect(pkg.engines.node).to.include(`^${v}.`);
  });
});
