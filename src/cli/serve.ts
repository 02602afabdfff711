import { Command } from 'commander';
import { createApp } from '../server/app.ts';
import { MIN_API_KEY_LENGTH } from '../server/api-key.ts';
import { listen } from '../server/start.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { UsageError } from './errors.ts';
import type { SetExit } from './main.ts';
import { port } from './parse.ts';

interface ServeFlags {
  host: string;
  port: number;
  eventsApiKeyHeader: string;
  db?: string;
  now?: Date;
}

export function serveCommand(setExit: SetExit): Command {
  const cmd = new Command('serve')
    .description('Serve the HTTP API; POST /events receives EventBridge events (Security Hub, GuardDuty).')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', port, 8080)
    .option('--events-api-key-header <name>', 'header carrying the events API key (the EventBridge connection\'s API key name)', 'x-api-key')
    .addHelpText('after', `\nEnvironment: RAMPART_EVENTS_API_KEY (at least ${MIN_API_KEY_LENGTH} characters) enables POST /events.`);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: ServeFlags) => {
    const apiKey = process.env.RAMPART_EVENTS_API_KEY || undefined;
    if (apiKey !== undefined && apiKey.length < MIN_API_KEY_LENGTH) {
      throw new UsageError(`RAMPART_EVENTS_API_KEY is shorter than ${MIN_API_KEY_LENGTH} characters`);
    }
    const fixed = resolveNow(flags.now);
    const store = await openDatabase(flags.db);
    const app = createApp({
      store,
      events: { apiKey, header: flags.eventsApiKeyHeader.toLowerCase() },
      now: () => fixed ?? new Date(),
    });
    let server;
    try {
      server = await listen(app, flags.host, flags.port);
    } catch (err) {
      await store.close();
      throw new UsageError(`cannot listen on ${flags.host}:${flags.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    process.stderr.write(`rampart: listening on ${server.url}${apiKey ? '' : ' (POST /events disabled: RAMPART_EVENTS_API_KEY is not set)'}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await store.close();
    setExit(0);
  });
  return cmd;
}
