import nodemailer from 'nodemailer';
import type { ChannelConfig, EmailChannelConfig, NotificationsConfig } from '../policy/notifications.ts';
import { emailContent } from './email.ts';
import { ChannelError, postJson } from './http.ts';
import type { Message } from './message.ts';
import { Secrets, type SecretSource } from './secrets.ts';
import { slackPayload } from './slack.ts';
import { webhookPayload } from './webhook.ts';

/** Delivers one message on the named channel; throws (ideally a ChannelError) when it was not taken. */
export type Send = (channel: string, message: Message) => Promise<void>;

export interface Transport {
  send: Send;
  /** Removes every secret the channels were configured with. */
  redact(text: string): string;
  close(): void;
}

/** What each channel would send, for `--dry-run`: the exact body, no secrets involved. */
export function preview(channel: ChannelConfig, message: Message): unknown {
  switch (channel.type) {
    case 'slack':
      return slackPayload(message);
    case 'email':
      return { from: channel.from, to: channel.to, ...emailContent(message) };
    case 'webhook':
      return webhookPayload(message);
  }
}

const SMTP_TIMEOUT_MS = 10_000;

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

function emailSender(name: string, config: EmailChannelConfig, secrets: Secrets) {
  const password = config.smtp.password ? secrets.resolve(config.smtp.password, `channel ${name} smtp.password`) : undefined;
  const transport = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    requireTLS: !config.smtp.secure && config.smtp.require_tls,
    ...(config.smtp.username && password ? { auth: { user: config.smtp.username, pass: password } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    send: async (message: Message) => {
      const content = emailContent(message);
      try {
        await transport.sendMail({
          from: config.from,
          to: config.to,
          subject: content.subject,
          text: content.text,
          html: content.html,
          // The same message id on a retry lets mail clients fold a duplicate delivery away.
          messageId: `<${message.key}@${domainOf(config.from)}>`,
        });
      } catch (err) {
        throw new ChannelError(secrets.redactor.redact(`SMTP: ${(err as Error).message}`.replace(/\s+/g, ' ')));
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The configured channels, ready to send. Every secret is resolved here, up front, so a missing
 * one fails the run before anything is recorded or sent.
 */
export async function openTransport(config: NotificationsConfig, source: SecretSource): Promise<Transport> {
  const secrets = await Secrets.load(source);
  const redact = (text: string) => secrets.redactor.redact(text);
  const senders = new Map<string, { send: (m: Message) => Promise<void>; close?: () => void }>();
  for (const [name, channel] of Object.entries(config.channels)) {
    if (channel.type === 'slack') {
      const url = secrets.resolveUrl(channel.webhook_url, `channel ${name} webhook_url`);
      senders.set(name, { send: (m) => postJson(url, slackPayload(m), {}, { redact }) });
    } else if (channel.type === 'webhook') {
      const url = secrets.resolveUrl(channel.url, `channel ${name} url`);
      const headers = Object.fromEntries(
        Object.entries(channel.headers).map(([h, ref]) => [h, secrets.resolve(ref, `channel ${name} headers.${h}`)]),
      );
      senders.set(name, { send: (m) => postJson(url, webhookPayload(m), headers, { redact }) });
    } else {
      senders.set(name, emailSender(name, channel, secrets));
    }
  }
  return {
    send: async (channel, message) => {
      const sender = senders.get(channel);
      if (!sender) throw new ChannelError(`channel ${channel} is not configured`);
      await sender.send(message);
    },
    redact,
    close: () => {
      for (const s of senders.values()) s.close?.();
    },
  };
}
