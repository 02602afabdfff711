import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { A, B, C14, C18, C19, C211, D, DAYS, EXCEPTIONS, WEEKLY_TEXT, seed } from '../compliance/digest-world.ts';
import { header, httpEndpoint, mimePart, smtpEndpoint, type HttpEndpoint, type SmtpEndpoint } from '../notify/support.ts';
import { backends } from '../store/support.ts';
import { runCli } from './run-cli.ts';

const ALL_OK = { [C14]: 'compliant', [C18]: 'compliant', [C19]: 'compliant', [C211]: 'compliant' } as const;
/** A week later every account is compliant: what the 11-30 digest listed as failing is resolved. */
const NEXT_WEEK = { '2026-12-07': { [A]: ALL_OK, [B]: ALL_OK, [D]: ALL_OK } };

const WEEKLY_HEAD = 'weekly digest for security-team on 2026-11-30';

function policy(smtpPort: number): string {
  // JSON is YAML: the policy file is written from the same objects the other tests use.
  return JSON.stringify({
    exceptions: EXCEPTIONS,
    digest: {
      email_channel: 'mail',
      slack_channel: 'team-slack',
      recipients: {
        'security-team': { email: ['security@example.com', 'ciso@example.com'] },
        platform: { slack_channel: 'platform-slack' },
      },
    },
    notifications: {
      channels: {
        'team-slack': { type: 'slack', webhook_url: { env: 'TEAM_SLACK_URL' } },
        'platform-slack': { type: 'slack', webhook_url: { env: 'PLATFORM_SLACK_URL' } },
        mail: {
          type: 'email',
          from: 'rampart@example.com',
          to: ['security@example.com'],
          smtp: { host: '127.0.0.1', port: smtpPort, require_tls: false, username: 'rampart', password: { env: 'SMTP_PASSWORD' } },
        },
      },
      routes: [],
    },
  });
}

for (const backend of backends()) {
  describe(`rampart digest on ${backend.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-digest-'));
    const policyFile = join(dir, 'rampart.yaml');
    const db = backend.fresh();
    let smtp: SmtpEndpoint;
    let team: HttpEndpoint;
    let platform: HttpEndpoint;
    let env: Record<string, string>;
    const digestsOn = async (recipient: string, period: string, day: string) => {
      const store = await openStore(db);
      try {
        return await store.digests.on(recipient, period, day);
      } finally {
        await store.close();
      }
    };

    before(async () => {
      smtp = await smtpEndpoint('rampart', 'smtp-secret-password');
      team = await httpEndpoint('/services/T0/B0/team-secret-path');
      platform = await httpEndpoint('/services/T0/B0/platform-secret-path');
      env = { TEAM_SLACK_URL: team.url, PLATFORM_SLACK_URL: platform.url, SMTP_PASSWORD: 'smtp-secret-password' };
      writeFileSync(policyFile, policy(smtp.port));
      const store = await openStore(db);
      await seed(store, { ...DAYS, ...NEXT_WEEK });
      await store.close();
    });
    after(async () => {
      await smtp.close();
      await team.close();
      await platform.close();
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a dry run prints the digest and where it would go, needs no secrets, sends and records nothing', async () => {
      const r = await runCli(['digest', '--period', 'weekly', '--to', 'security-team', '--dry-run', '--policy', policyFile, '--db', db, '--now', '2026-11-30T08:00:00Z']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        `dry run: nothing is sent and nothing is recorded\nwould send the ${WEEKLY_HEAD} to security@example.com, ciso@example.com (mail) and Slack (team-slack)\n\n${WEEKLY_TEXT}`,
      );
      assert.equal(smtp.mails.length + team.received.length + platform.received.length, 0);
      assert.deepEqual(await digestsOn('security-team', 'weekly', '2026-11-30'), []);
    });

    it('sends the email to the recipient and the Slack message, records it, and does not send it twice', async () => {
      const r = await runCli(['digest', '--period', 'weekly', '--to', 'security-team', '--policy', policyFile, '--db', db], { env: { ...env, RAMPART_NOW: '2026-11-30T08:00:00Z' } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `sent the ${WEEKLY_HEAD} to security@example.com, ciso@example.com (mail) and Slack (team-slack)\n`);

      assert.equal(smtp.mails.length, 1);
      const mail = smtp.mails[0]!;
      assert.deepEqual(mail.to, ['security@example.com', 'ciso@example.com']);
      assert.equal(header(mail.raw, 'Subject'), '[Rampart] Weekly compliance digest 2026-11-30: 72.7% (+14.4 pts)');
      assert.equal(mimePart(mail.raw, 'text/plain'), WEEKLY_TEXT);
      const htmlPart = mimePart(mail.raw, 'text/html');
      assert.match(htmlPart, /<li>222222222222 \(prod &lt;main&gt;\): cis-aws-3\.0\.0\/1\.9 Ensure IAM password policy prevents password reuse; failing account-wide \(was compliant\)<\/li>/);
      assert.doesNotMatch(htmlPart, /<main>|<Q1>/);

      assert.equal(team.received.length, 1);
      const payload = JSON.parse(team.received[0]!.body) as { text: string; blocks: { type: string; text?: { text: string } }[] };
      assert.equal(payload.text, '[Rampart] Weekly compliance digest 2026-11-30: 72.7% (+14.4 pts)');
      assert.equal(
        payload.blocks[6]!.text!.text,
        '*Accounts in escalation* (2)\n• 222222222222 (prod &lt;main&gt;): tier 2 (21+ days), 2 controls; longest cis-aws-3.0.0/1.8, 23 days since 2026-11-08\n• 444444444444 (sandbox): tier 1 (7+ days), 1 control; longest cis-aws-3.0.0/1.8, 14 days since 2026-11-10',
      );

      const recorded = await digestsOn('security-team', 'weekly', '2026-11-30');
      assert.deepEqual(recorded.map((d) => [d.sentAt, d.orgRate]), [['2026-11-30T08:00:00.000Z', 8 / 11]]);

      const again = await runCli(['digest', '--period', 'weekly', '--to', 'security-team', '--policy', policyFile, '--db', db, '--now', '2026-11-30T09:30:00Z'], { env });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, `${WEEKLY_HEAD} already sent at 2026-11-30T08:00:00.000Z; nothing sent (--force sends it again)\n`);
      assert.equal(smtp.mails.length, 1);
      assert.equal(team.received.length, 1);

      const forced = await runCli(['digest', '--period', 'weekly', '--to', 'security-team', '--force', '--policy', policyFile, '--db', db, '--now', '2026-11-30T09:30:00Z'], { env });
      assert.equal(forced.code, 0, forced.stderr);
      assert.equal(smtp.mails.length, 2);
      assert.equal(team.received.length, 2);
      // A deliberate resend is a new message, not one a mail client folds away as a duplicate.
      assert.notEqual(header(smtp.mails[1]!.raw, 'Message-ID'), header(smtp.mails[0]!.raw, 'Message-ID'));
      assert.equal((await digestsOn('security-team', 'weekly', '2026-11-30')).length, 2);
    });

    it("the next week's digest compares with the last one sent", async () => {
      const r = await runCli(['digest', '--period', 'weekly', '--to', 'security-team', '--dry-run', '--json', '--as-of', '2026-12-07', '--policy', policyFile, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { digest: { baseline: unknown; change: number; newFailures: unknown[]; resolved: { account: { id: string }; control: string }[] }; messages: { channel: string; type: string; subject?: string }[] };
      assert.deepEqual(out.digest.baseline, { day: '2026-11-30', lastDigest: true, judgedDay: '2026-11-30', rate: 8 / 11 });
      assert.equal(out.digest.change, 1 - 8 / 11);
      assert.deepEqual(out.digest.newFailures, []);
      assert.deepEqual(out.digest.resolved.map((x) => `${x.account.id} ${x.control}`), [`${A} ${C18}`, `${A} ${C19}`, `${B} ${C18}`]);
      assert.deepEqual(out.messages.map((m) => [m.channel, m.type, m.subject]), [['mail', 'email', '[Rampart] Weekly compliance digest 2026-12-07: 100.0% (+27.3 pts)'], ['team-slack', 'slack', undefined]]);
    });

    it('keeps a digest a channel did not take for the next run, never printing the secret', async () => {
      platform.reply = () => ({ status: 500, body: 'down' });
      const down = await runCli(['digest', '--period', 'daily', '--to', 'platform', '--policy', policyFile, '--db', db, '--now', '2026-11-30T07:00:00Z'], { env });
      assert.equal(down.code, 3);
      assert.equal(down.stdout, '');
      assert.equal(down.stderr, 'rampart: daily digest for platform on 2026-11-30: platform-slack: HTTP 500: down\n');
      assert.deepEqual(await digestsOn('platform', 'daily', '2026-11-30'), []);
      platform.reply = () => ({ status: 200, body: 'ok' });
      const back = await runCli(['digest', '--period', 'daily', '--to', 'platform', '--policy', policyFile, '--db', db, '--now', '2026-11-30T07:10:00Z'], { env });
      assert.equal(back.code, 0, back.stderr);
      assert.equal(back.stdout, 'sent the daily digest for platform on 2026-11-30 to Slack (platform-slack)\n');
      assert.equal(platform.received.length, 2);
      assert.equal(smtp.mails.length, 2, 'a recipient without email gets no email');
      const daily = JSON.parse(platform.received[1]!.body) as { text: string };
      assert.equal(daily.text, '[Rampart] Daily compliance digest 2026-11-30: 72.7% (+72.7 pts)');
    });

    it('refuses bad input with one line and exit 1', async () => {
      const cases: [string[], string, Record<string, string>?][] = [
        [['--period', 'weekly', '--to', 'nobody'], `rampart: unknown digest recipient 'nobody': ${policyFile} names security-team, platform\n`],
        [['--period', 'monthly', '--to', 'platform'], "rampart: option '--period <period>' argument 'monthly' is invalid. Allowed choices are daily, weekly.\n"],
        [['--to', 'platform'], "rampart: required option '--period <period>' not specified\n"],
        [['--period', 'daily'], "rampart: required option '--to <name>' not specified\n"],
        [['--period', 'daily', '--to', 'platform', '--as-of', '2026-11-31'], "rampart: option '--as-of <day>' argument '2026-11-31' is invalid. '2026-11-31' is not a day like 2026-12-01\n"],
        [
          ['--period', 'daily', '--to', 'platform', '--as-of', '2026-11-29'],
          'rampart: no compliance judged on 2026-11-29 (the last judged day is 2026-11-24; pass --as-of 2026-11-24 for it): a scan or import judges its day, or run rampart compliance\n',
        ],
        [['--period', 'daily', '--to', 'platform', '--as-of', '2026-11-24'], "rampart: channel platform-slack webhook_url: environment variable PLATFORM_SLACK_URL is not set\n", { PLATFORM_SLACK_URL: '' }],
      ];
      for (const [args, stderr, extra] of cases) {
        const r = await runCli(['digest', ...args, '--policy', policyFile, '--db', db, '--now', '2026-11-30T08:00:00Z'], { env: { ...env, ...extra } });
        assert.equal(r.code, 1, args.join(' '));
        assert.equal(r.stderr, stderr, args.join(' '));
        assert.equal(r.stdout, '');
      }
      const bare = join(dir, 'bare.yaml');
      writeFileSync(bare, 'frameworks: [cis-aws-3.0.0]\n');
      const r = await runCli(['digest', '--period', 'weekly', '--to', 'security-team', '--policy', bare, '--db', db]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `rampart: unknown digest recipient 'security-team': ${bare} has no digest.recipients\n`);
      assert.equal(team.received.length + platform.received.length, 4, 'nothing sent by any refused run');
    });
  });
}
