import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { DEFAULT_POLICY_FILE, policyProblems } from '../policy/load.ts';
import { policyJsonSchema } from '../policy/json-schema.ts';
import { readYamlFile } from '../policy/read-yaml.ts';
import { policySchema } from '../policy/schema.ts';
import { EXIT } from './errors.ts';
import { dayOf } from './judge-day.ts';
import type { SetExit } from './main.ts';
import { addNowOption, resolveNow } from './common.ts';

function checkCommand(setExit: SetExit): Command {
  const cmd = new Command('check')
    .description('Validate a policy file; every problem is listed with file:line:col and key.')
    .argument('[file]', 'the policy file', DEFAULT_POLICY_FILE);
  addNowOption(cmd);
  cmd.action(async (path: string, flags: { now?: Date }) => {
    const file = await readYamlFile(path);
    const problems = policyProblems(file);
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`${p}\n`);
      process.stderr.write(`rampart: ${path}: ${problems.length} problem(s)\n`);
      setExit(EXIT.failed);
      return;
    }
    const config = policySchema.parse(file.data ?? {});
    const today = dayOf(resolveNow(flags.now) ?? new Date());
    const out = [
      `${path}: valid`,
      `  frameworks: ${config.frameworks.join(', ')}; home regions: ${config.home_regions.join(', ')}`,
      `  ${config.controls.disabled.length} control(s) disabled, ${Object.keys(config.controls.scope).length} region scope(s), ${config.exceptions.length} exception(s)`,
      `  escalation: ${config.escalation.tiers.map((t) => `${t.days} days → ${t.notify.join(' + ')}`).join(', ')}`,
    ];
    config.exceptions.forEach((e, i) => {
      // An expired exception is not an error (it was valid when made), but it no longer applies.
      if (e.expires <= today) out.push(`  note: exception #${i + 1} (${e.control}) expired on ${e.expires} and no longer applies`);
    });
    process.stdout.write(`${out.join('\n')}\n`);
    setExit(EXIT.ok);
  });
  return cmd;
}

function schemaCommand(setExit: SetExit): Command {
  return new Command('schema')
    .description('Print (or write) the JSON Schema of rampart.yaml, for editors to validate and complete it.')
    .option('--out <file>', 'write it to this file instead of printing it')
    .action(async (flags: { out?: string }) => {
      const text = `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
      if (flags.out) await writeFile(flags.out, text);
      else process.stdout.write(text);
      setExit(EXIT.ok);
    });
}

export function policyCommand(setExit: SetExit): Command {
  return new Command('policy').description('The policy file (rampart.yaml): check it, print its JSON Schema.').addCommand(checkCommand(setExit)).addCommand(schemaCommand(setExit));
}
