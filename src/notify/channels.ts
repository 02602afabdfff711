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

/**
 * A rendered message for one channel. Escalations and digests write their own: an email to
 * people other than the channel's list (`to`), a Slack payload of their own blocks.
 */
export type Outgoing =
  | { type: 'email'; key: string; subject: string; text: string; html: string; to?: readonly string[] }
  | { type: 'slack'; payload: unknown }
  | { type: 'webhook'; payload: unknown };

/** A configured channel: delivers what was rendered for its type. */
type Deliver = (out: Outgoing) => Promise<void>;

function emailChannel(name: string, config: EmailChannelConfig, secrets: Secrets): { deliver: Deliver; close: () => void } {
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
    deliver: async (out) => {
      if (out.type !== 'email') throw new ChannelError(`channel ${name} sends email, not ${out.type}`);
      try {
        await transport.sendMail({
          from: config.from,
          to: out.to ? [...out.to] : config.to,
          subject: out.subject,
          text: out.text,
          html: out.html,
          // The same message id on a retry lets mail clients fold a duplicate delivery away.
          messageId: `<${out.key}@${domainOf(config.from)}>`,
        });
      } catch (err) {
        throw new ChannelError(secrets.redactor.redact(`SMTP: ${(err as Error).message}`.replace(/\s+/g, ' ')));
      }
    },
    close: () => transport.close(),
  };
}

/** A channel's rendering of an alert message. */
export function render(channel: ChannelConfig, message: Message): Outgoing {
  switch (channel.type) {
    case 'slack':
      return { type: 'slack', payload: slackPayload(message) };
    case 'webhook':
      return { type: 'webhook', payload: webhookPayload(message) };
    case 'email':
      return { type: 'email', key: message.key, ...emailContent(message) };
  }
}

export interface Channels {
  deliver(channel: string, out: Outgoing): Promise<void>;
  /** Removes every secret the channels were configured with. */
  redact(text: string): string;
  close(): void;
}

/**
 * The configured channels, ready to deliver. Every secret is resolved here, up front, so a missing
 * one fails the run before anything is recorded or sent.
 */
export async function openChannels(config: NotificationsConfig, source: SecretSource): Promise<Channels> {
  const secrets = await Secrets.load(source);
  const redact = (text: string) => secrets.redactor.redact(text);
  const channels = new Map<string, { deliver: Deliver; close?: () => void }>();
  for (const [name, channel] of Object.entries(config.channels)) {
    if (channel.type === 'slack') {
      const url = secrets.resolveUrl(channel.webhook_url, `channel ${name} webhook_url`);
      channels.set(name, {
        deliver: (out) => {
          if (out.type !== 'slack') throw new ChannelError(`channel ${name} posts to Slack, not ${out.type}`);
          return postJson(url, out.payload, {}, { redact });
        },
      });
    } else if (channel.type === 'webhook') {
      const url = secrets.resolveUrl(channel.url, `channel ${name} url`);
      const headers = Object.fromEntries(Object.entries(channel.headers).map(([h, ref]) => [h, secrets.resolve(ref, `channel ${name} headers.${h}`)]));
      channels.set(name, {
        deliver: (out) => {
          if (out.type !== 'webhook') throw new ChannelError(`channel ${name} is a webhook, not ${out.type}`);
          return postJson(url, out.payload, headers, { redact });
        },
      });
    } else {
      channels.set(name, emailChannel(name, channel, secrets));
    }
  }
  return {
    deliver: async (name, out) => {
      const channel = channels.get(name);
      if (!channel) throw new ChannelError(`channel ${name} is not configured`);
      await channel.deliver(out);
    },
    redact,
    close: () => {
      for (const c of channels.values()) c.close?.();
    },
  };
}

/** Alert messages on the configured channels, each rendered for its channel's type. */
export async function openTransport(config: NotificationsConfig, source: SecretSource): Promise<Transport> {
  const channels = await openChannels(config, source);
  return {
    send: async (name, message) => {
      const channel = config.channels[name];
      if (!channel) throw new ChannelError(`channel ${name} is not configured`);
      await channels.deliver(name, render(channel, message));
    },
    redact: channels.redact,
    close: channels.close,
  };
}
