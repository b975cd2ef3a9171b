// The dependency parser: a pool of long-lived Python processes (python/worker.py, spaCy with
// en_core_web_sm) speaking JSON lines. One request is in flight per worker; the sentences of
// one article are cut into chunks so that the workers share a long article. A worker that dies
// or stops answering is replaced and its request tried once more on another worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config.js';
import type { ParsedSentence, ParsedToken, SentenceParser } from './types.js';

const root = PROJECT_ROOT;
const venvPython = path.join(root, '.venv', 'bin', 'python');
const workerScript = path.join(root, 'python', 'worker.py');
// Written by scripts/setup-python.mjs once python/requirements.txt is installed: a venv without it
// is half-made and its workers would fail at import.
const installedStamp = path.join(root, '.venv', '.threatgraph-requirements');

/** At most this many sentences, or about this many characters, go to a worker in one request. */
const CHUNK_SENTENCES = 64;
const CHUNK_CHARS = 32 * 1024;
const STDERR_LINES = 10;

export interface ParserPoolOptions {
  /** Worker processes, started when there is work for them. @default os.availableParallelism() */
  size?: number;
  /** The Python interpreter that runs python/worker.py. @default the project's .venv/bin/python */
  python?: string;
  /** Time a worker has to answer one request (a cold worker also loads the model). @default 60_000 */
  timeoutMs?: number;
}

export interface ParserPool extends SentenceParser {
  /** Process ids of the live workers (for tests). */
  pids(): number[];
}

/** Whether the project's venv holds an installed parser (npm install's setup-python step). */
export function parserAvailable(): boolean {
  return existsSync(venvPython) && existsSync(installedStamp);
}

let shared: ParserPool | undefined;

/**
 * The process-wide pool, created on first use; undefined when the venv is absent or
 * THREATGRAPH_PARSER=off. Closing it lets the next call create a new one.
 */
export function sharedParser(): SentenceParser | undefined {
  if (process.env.THREATGRAPH_PARSER === 'off' || !parserAvailable()) return undefined;
  if (shared === undefined) {
    const pool = createParserPool();
    const own: ParserPool = {
      ...pool,
      close: () => {
        if (shared === own) shared = undefined;
        return pool.close();
      },
    };
    shared = own;
  }
  return shared;
}

interface Job {
  id: number;
  texts: string[];
  /** Which texts the worker's NER reads; all when absent. */
  ner?: boolean[];
  label: string;
  attempts: number;
  resolve: (docs: ParsedSentence[]) => void;
  reject: (err: Error) => void;
}

interface Worker {
  proc: ChildProcess;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** why the pool killed it, when it did */
  killedFor?: string;
  gone: boolean;
  /** settles once the worker is gone and its request dealt with */
  ended: Promise<void>;
  end: () => void;
  pending: string[];
  stderrTail: string[];
}

/** The worker's compact doc: tokens [text, start, end, lemma, pos, tag, dep, head], ents [start, end, label]. */
interface CompactDoc {
  t: Array<[string, number, number, string, string, string, string, number]>;
  e: Array<[number, number, string]>;
}

type Reply = { id: number; docs: CompactDoc[] } | { id: number | null; error: string };

const toSentence = (doc: CompactDoc): ParsedSentence => ({
  tokens: doc.t.map(([text, start, end, lemma, pos, tag, dep, head], i): ParsedToken => ({ i, text, start, end, lemma, pos, tag, dep, head })),
  ents: doc.e.map(([start, end, label]) => ({ start, end, label })),
});

/** The sentences' indices cut into requests of at most CHUNK_SENTENCES sentences or about CHUNK_CHARS characters. */
function chunk(sentences: string[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  sentences.forEach((s, i) => {
    if (current.length > 0 && (current.length >= CHUNK_SENTENCES || chars + s.length > CHUNK_CHARS)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(i);
    chars += s.length;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function createParserPool(options: ParserPoolOptions = {}): ParserPool {
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const python = options.python ?? venvPython;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const workers: Worker[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const fail = (job: Job, reason: string, stderrTail: string[] = []): Error => {
    const tail = stderrTail.length > 0 ? `\n  worker stderr: ${stderrTail.join('\n  ')}` : '';
    return new Error(`[extract] [parser] ${job.label}: ${reason}${tail}`);
  };

  // A busy worker keeps the event loop alive; an idle one must not keep a CLI from exiting.
  const hold = (w: Worker, busy: boolean): void => {
    const streams = [w.proc.stdout, w.proc.stderr, w.proc.stdin] as Array<{ ref?: () => void; unref?: () => void } | null>;
    if (busy) {
      w.proc.ref();
      for (const s of streams) s?.ref?.();
    } else {
      w.proc.unref();
      for (const s of streams) s?.unref?.();
    }
  };

  function start(): Worker {
    const proc = spawn(python, [workerScript], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    let end = (): void => {};
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const w: Worker = { proc, gone: false, ended, end, pending: [], stderrTail: [] };
    workers.push(w);
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (data: string) => onData(w, data));
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (data: string) => {
      const lines = data
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l !== '');
      w.stderrTail.push(...lines.map((l) => l.slice(0, 500)));
      w.stderrTail.splice(0, Math.max(0, w.stderrTail.length - STDERR_LINES));
    });
    // A write to a worker that just died fails here; its exit handler deals with the request.
    proc.stdin!.on('error', () => {});
    proc.on('error', (err) => onGone(w, `parser worker could not run ${python}: ${err.message}`));
    // 'close' comes once stdout and stderr are drained, so the reply and the last stderr lines are
    // in; a grandchild holding the pipes open must not delay it for long.
    proc.on('exit', (code, signal) => {
      const died = `parser worker died (exit code ${code}, signal ${signal})`;
      proc.on('close', () => onGone(w, died));
      setTimeout(() => onGone(w, died), 1000).unref();
    });
    hold(w, false);
    return w;
  }

  function onData(w: Worker, data: string): void {
    let from = 0;
    for (let nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', from)) {
      const line = w.pending.join('') + data.slice(from, nl);
      w.pending = [];
      from = nl + 1;
      if (line.trim() !== '') onReply(w, line);
    }
    if (from < data.length) w.pending.push(data.slice(from));
  }

  function onReply(w: Worker, line: string): void {
    const job = w.job;
    let reply: Reply | null;
    try {
      reply = JSON.parse(line) as Reply | null;
    } catch {
      if (job) kill(w, `parser worker wrote a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (!job || reply?.id !== job.id) return;
    clearTimeout(w.timer);
    w.job = undefined;
    hold(w, false);
    if ('error' in reply) job.reject(fail(job, String(reply.error)));
    else if (!Array.isArray(reply.docs) || reply.docs.length !== job.texts.length) {
      job.reject(fail(job, `parser worker answered ${reply.docs?.length} docs for ${job.texts.length} texts`));
    } else {
      try {
        job.resolve(reply.docs.map(toSentence));
      } catch (err) {
        job.reject(new Error(`[extract] [parser] ${job.label}: parser worker answered a malformed doc`, { cause: err }));
      }
    }
    dispatch();
  }

  function kill(w: Worker, reason: string): void {
    w.killedFor ??= reason;
    w.proc.kill('SIGKILL');
  }

  function onGone(w: Worker, reason: string): void {
    if (w.gone) return;
    w.gone = true;
    clearTimeout(w.timer);
    workers.splice(workers.indexOf(w), 1);
    w.proc.stdin?.destroy();
    const job = w.job;
    w.job = undefined;
    if (job) {
      const why = w.killedFor ?? reason;
      if (closed) job.reject(fail(job, 'the parser pool was closed'));
      else if (job.attempts < 2) queue.unshift(job);
      else job.reject(fail(job, why, w.stderrTail));
    }
    w.end();
    dispatch();
  }

  function send(w: Worker, job: Job): void {
    job.attempts++;
    w.job = job;
    hold(w, true);
    w.timer = setTimeout(() => kill(w, `timed out after ${timeoutMs / 1000} s`), timeoutMs);
    w.proc.stdin!.write(JSON.stringify({ id: job.id, texts: job.texts, ner: job.ner }) + '\n');
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      let w = workers.find((x) => !x.job && !x.gone && !x.killedFor);
      if (!w && workers.length < size) w = start();
      if (!w) return;
      send(w, queue.shift()!);
    }
  }

  function request(texts: string[], label: string, ner?: boolean[]): Promise<ParsedSentence[]> {
    return new Promise((resolve, reject) => {
      queue.push({ id: nextId++, texts, ner, label, attempts: 0, resolve, reject });
      dispatch();
    });
  }

  return {
    async parse(sentences: string[], label: string, ner?: boolean[]): Promise<ParsedSentence[]> {
      if (closed) throw new Error(`[extract] [parser] ${label}: the parser pool was closed`);
      if (sentences.length === 0) return [];
      if (ner && ner.length !== sentences.length) throw new Error(`[extract] [parser] ${label}: ${ner.length} NER flags for ${sentences.length} sentences`);
      const parts = await Promise.all(
        chunk(sentences).map((idx) =>
          request(
            idx.map((i) => sentences[i]!),
            label,
            ner && idx.map((i) => ner[i]!),
          ),
        ),
      );
      return parts.flat();
    },

    async close(): Promise<void> {
      closed = true;
      for (const job of queue.splice(0)) job.reject(fail(job, 'the parser pool was closed'));
      const ending = workers.map((w) => w.ended);
      for (const w of workers) {
        hold(w, true); // until it is gone, or an awaited close() would let the process exit mid-way
        kill(w, 'the parser pool was closed');
      }
      await Promise.all(ending);
    },

    pids: () => workers.flatMap((w) => (w.proc.pid === undefined || w.gone ? [] : [w.proc.pid])),
  };
}
