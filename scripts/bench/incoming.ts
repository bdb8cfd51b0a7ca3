/**
 * The incoming webhook alone, signed like Twilio, each request a new call: against the service and
 * two baselines in child processes (bare node:http, minimal express + twilio), with the same driver
 * and concurrency so the comparison is fair.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { baseParams, newSid } from '../simulator/params';
import { INCOMING } from './call-driver';
import { TwilioClient } from './http';
import { runLoad, type LoadResult } from './load';

export interface IncomingOptions {
  baseUrl: string;
  publicBaseUrl: string;
  authToken: string;
  accountSid: string;
  to: string;
  concurrency: number;
  ms: number;
}

export async function hammerIncoming(label: string, o: IncomingOptions): Promise<LoadResult> {
  const client = new TwilioClient(
    { baseUrl: o.baseUrl, publicBaseUrl: o.publicBaseUrl, authToken: o.authToken },
    o.concurrency,
  );
  const url = client.resolve(INCOMING);
  const unit = async () => {
    const params = baseParams(
      {
        callSid: newSid('CA'),
        accountSid: o.accountSid,
        from: '+33612345678',
        to: o.to,
        direction: 'inbound',
      },
      'ringing',
    );
    const answer = await client.post(url, params);
    const ok = answer.status === 200 && answer.body.includes('<Response');
    return { ok, samples: [{ path: INCOMING, ms: answer.ms, ok }] };
  };
  try {
    // A freshly started process is still compiling its hot paths: warm it up before measuring.
    await runLoad(`${label} warm-up`, o.concurrency, 1000, unit);
    return await runLoad(label, o.concurrency, o.ms, unit);
  } finally {
    await client.close();
  }
}

export async function startBaseline(
  kind: 'bare' | 'express',
): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'baseline-server.ts'), kind],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY (\d+)/.exec(buffer);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`baseline ${kind} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

/** The service, then each baseline, one after the other (they share the machine's CPUs). */
export async function compareIncoming(o: IncomingOptions): Promise<Record<string, LoadResult>> {
  const results: Record<string, LoadResult> = {};
  results.service = await hammerIncoming('service ', o);
  for (const kind of ['bare', 'express'] as const) {
    const child = await startBaseline(kind);
    try {
      results[kind] = await hammerIncoming(kind.padEnd(8), {
        ...o,
        baseUrl: child.url,
        publicBaseUrl: child.url,
      });
    } finally {
      child.process.kill('SIGTERM');
    }
  }
  return results;
}
