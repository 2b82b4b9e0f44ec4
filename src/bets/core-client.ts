import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import { coreBetResponse, type CoreBetRequest, type CoreBetResponse } from './core-contract.js';
import { CoreCallError } from './core-errors.js';

export interface CoreClientOptions {
  jurisdiction: string;
  url: string;
  /** Keep-alive connections in the pool (coreConnections). */
  connections: number;
  /** Largest answer body read (coreAnswerMaxBytes); a larger one is aborted unread. */
  maxAnswerBytes: number;
}

/**
 * Talks to one jurisdiction's core over a keep-alive HTTP pool (undici) and
 * trusts nothing it answers: the status must be 200 (or 404 for a lookup),
 * the body is read as a stream up to maxAnswerBytes (a larger content-length
 * is refused before reading), and the JSON must match the contract's schema.
 * Every other outcome is a CoreCallError naming the problem.
 *
 * The caller's AbortSignal ends the request and the reading of its body
 * alike (CoreRoute aborts a call coreAbandonAfterMs after its deadline, not
 * at it: the player already has "unknown", and an abort costs a
 * connection), so a core that hangs or trickles its body holds a connection
 * for a bounded time.
 */
export class CoreClient {
  readonly jurisdiction: string;
  private readonly pool: Pool;

  constructor(private readonly options: CoreClientOptions) {
    this.jurisdiction = options.jurisdiction;
    this.pool = new Pool(options.url, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  place(request: CoreBetRequest, signal: AbortSignal): Promise<CoreBetResponse> {
    return this.call('POST', '/v1/bets', JSON.stringify(request), signal) as Promise<CoreBetResponse>;
  }

  /** The current state of a bet (a pending one's final decision once made); null if the core does not know the key. */
  lookup(playerId: string, idempotencyKey: string, signal: AbortSignal): Promise<CoreBetResponse | null> {
    return this.call('GET', `/v1/bets/${encodeURIComponent(playerId)}/${encodeURIComponent(idempotencyKey)}`, undefined, signal);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal): Promise<CoreBetResponse | null> {
    let response;
    try {
      response = await this.pool.request({ method, path, body, headers: body ? { 'content-type': 'application/json' } : undefined, signal });
    } catch (err) {
      throw this.error(signal.aborted ? 'timeout' : 'unreachable', `no answer to ${method}: ${(err as Error).message}`, err);
    }
    const { statusCode, headers } = response;
    if (statusCode === 404 && method === 'GET') {
      await this.discard(response.body);
      return null;
    }
    if (statusCode !== 200) {
      await this.discard(response.body);
      throw this.error('http_status', `answered ${method} with HTTP ${statusCode}`);
    }
    const text = await this.readBounded(response.body, headers, signal);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw this.error('not_json', `answered ${method} with a body that is not JSON`, err);
    }
    const parsed = coreBetResponse.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.error('contract', `answered ${method} off the contract: ${issue.path.join('.') || 'body'}: ${issue.message}`.slice(0, 300));
    }
    return parsed.data;
  }

  /** The body as text, refusing more than maxAnswerBytes, whether declared up front or streamed. */
  private async readBounded(body: Readable, headers: IncomingHttpHeaders, signal: AbortSignal): Promise<string> {
    const limit = this.options.maxAnswerBytes;
    const declared = Number(headers['content-length'] ?? 0);
    if (declared > limit) {
      body.destroy();
      throw this.error('too_large', `declared a ${declared}-byte answer (coreAnswerMaxBytes: ${limit})`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) {
          body.destroy();
          throw this.error('too_large', `sent more than ${limit} bytes (coreAnswerMaxBytes)`);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof CoreCallError) throw err;
      throw this.error(signal.aborted ? 'timeout' : 'truncated', `answer body ${signal.aborted ? 'still incomplete when abandoned' : 'cut off'} after ${size} bytes`, err);
    }
    return chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
  }

  /** Reads and drops a small error body so the connection can be reused; a large one closes it. */
  private async discard(body: Dispatcher.ResponseData['body']): Promise<void> {
    try {
      await body.dump({ limit: this.options.maxAnswerBytes });
    } catch {
      // The body broke while being dropped: the status already decided the outcome, and undici closes the connection.
    }
  }

  private error(problem: CoreCallError['problem'], message: string, cause?: unknown): CoreCallError {
    return new CoreCallError(this.jurisdiction, problem, message, cause === undefined ? undefined : { cause });
  }
}
