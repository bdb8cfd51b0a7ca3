/**
 * The load generator's HTTP side: one undici Pool per target with keep-alive connections, requests
 * signed like Twilio's over the public URL, and a millisecond timer around each exchange.
 */
import { Pool } from 'undici';
import { signature } from '../simulator/http';

export interface Answer {
  status: number;
  ms: number;
  body: string;
  /** The path requested, for per-webhook latency. */
  path: string;
}

export interface TwilioTarget {
  /** Where requests really go. */
  baseUrl: string;
  /** The base URL the service signs against (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  authToken: string;
}

const TIMEOUT_MS = 15_000;

export class TwilioClient {
  private readonly pool: Pool;
  private readonly publicBase: string;

  constructor(
    private readonly target: TwilioTarget,
    connections: number,
  ) {
    this.pool = new Pool(target.baseUrl, {
      connections,
      keepAliveTimeout: 30_000,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    this.publicBase = target.publicBaseUrl.replace(/\/+$/, '');
  }

  /** The public URL of a path or of a (possibly relative) TwiML URL seen in `documentUrl`. */
  resolve(url: string, documentUrl?: string): string {
    return new URL(url, documentUrl ?? `${this.publicBase}/`).toString();
  }

  /** POSTs a form to a public URL, signed like Twilio; a transport error answers status 0. */
  async post(publicUrl: string, params: Record<string, string>): Promise<Answer> {
    const url = new URL(publicUrl);
    const path = url.pathname;
    const started = performance.now();
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: path + url.search,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature(this.target.authToken, publicUrl, params),
          'user-agent': 'TwilioProxy/1.1 (receptionist-bench)',
        },
        body: new URLSearchParams(params).toString(),
      });
      const body = await response.body.text();
      return { status: response.statusCode, ms: elapsed(started), body, path };
    } catch {
      return { status: 0, ms: elapsed(started), body: '', path };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
