/** A real SMTP server on loopback (smtp-server) that keeps each email it receives, raw. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string };

export type TestSmtp = {
  url: string;
  received: ReceivedMail[];
  /** The emails carrying this delivery key (`X-Delivery-Key`). */
  withKey(key: string): ReceivedMail[];
  close(): Promise<void>;
};

export async function startSmtpServer(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // `nobody@…` is refused with a permanent 550, as a mailbox that does not exist.
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    withKey: (key) => received.filter((r) => r.raw.includes(`X-Delivery-Key: ${key}\r\n`)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The MIME parts of a raw email: each part's headers (lower-cased names) and its body. */
export function mimeParts(raw: string): { headers: Record<string, string>; body: string }[] {
  const parts: { headers: Record<string, string>; body: string }[] = [];
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1]!);
  const chunks = boundaries.reduce<string[]>((all, b) => all.flatMap((c) => c.split(`--${b}`)), [raw]);
  for (const chunk of chunks) {
    const [head, ...rest] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const headers: Record<string, string> = {};
    for (const line of (head ?? '').replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
      const m = /^([\w-]+):\s*(.*)$/.exec(line);
      if (m) headers[m[1]!.toLowerCase()] = m[2]!;
    }
    if (headers['content-type']) parts.push({ headers, body: rest.join('\n\n') });
  }
  return parts;
}
