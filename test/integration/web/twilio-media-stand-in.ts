/**
 * A local stand-in for Twilio's media host: serves `<recording path>.mp3` with Basic auth and
 * Range support, like api.twilio.com does for recordings. The audio is real MP3 (silent frames).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** `seconds` of silent MPEG-1 Layer III, 128 kb/s, 44.1 kHz, mono: valid frames with zero data. */
export function silentMp3(seconds: number): Buffer {
  const frameBytes = 417; // 144 * 128000 / 44100, no padding
  const frames = Math.ceil((seconds * 44100) / 1152);
  const frame = Buffer.alloc(frameBytes);
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

export type MediaStandIn = {
  baseUrl: string;
  requests: { path: string; auth: string; range?: string }[];
  close: () => Promise<void>;
};

export async function startMediaStandIn(
  accountSid: string,
  authToken: string,
  audio = silentMp3(2),
): Promise<MediaStandIn> {
  const requests: MediaStandIn['requests'] = [];
  const expected = 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64');
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    requests.push({ path, auth: req.headers.authorization ?? '', range: req.headers.range });
    if (req.headers.authorization !== expected) return void res.writeHead(401).end();
    if (!new RegExp(`^/2010-04-01/Accounts/${accountSid}/Recordings/RE[0-9a-f]{32}\\.mp3$`).test(path)) {
      return void res.writeHead(404).end();
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!range) {
      res.writeHead(200, {
        'Content-Type': 'audio/mpeg',
        'Content-Length': audio.length,
        'Accept-Ranges': 'bytes',
      });
      return void res.end(audio);
    }
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), audio.length - 1) : audio.length - 1;
    res.writeHead(206, {
      'Content-Type': 'audio/mpeg',
      'Content-Length': end - start + 1,
      'Content-Range': `bytes ${start}-${end}/${audio.length}`,
      'Accept-Ranges': 'bytes',
    });
    res.end(audio.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
