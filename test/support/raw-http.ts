// Sends bytes to a test server exactly as written — for requests fetch will not make: a
// multipart body without its boundary, cut short, or with a part header written by hand.
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/**
 * Writes `head` (request line and headers, without the blank line) and `body` to the
 * server at `url`, adding Host, Content-Length (the body's, unless `contentLength` says
 * otherwise) and Connection: close, and reads the answer until the server closes.
 */
export function rawRequest(
  url: string,
  head: string,
  body: Buffer | string = '',
  contentLength?: number,
): Promise<RawResponse> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      // write, not end: a half-closed socket lets Node's server drop the answer.
      socket.write(
        Buffer.concat([
          Buffer.from(
            `${head}\r\nHost: ${hostname}:${port}\r\nContent-Length: ${contentLength ?? bytes.length}\r\nConnection: close\r\n\r\n`,
          ),
          bytes,
        ]),
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0),
        headers: text.slice(0, split),
        body: text.slice(split + 4),
      });
    });
  });
}

/** A multipart/form-data body with one file part; `disposition` follows `form-data; name="file"; `. */
export function multipartBody(boundary: string, disposition: string, content: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    'utf8',
  );
}
