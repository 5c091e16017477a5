/**
 * Threads for the kernels: `worker_threads` over a Heap's shared memory. A task's rows are split
 * in chunks that the threads take from a shared counter (Atomics), so a thread that drew cheap rows
 * takes more; with one thread the task runs on the calling thread and no worker is started.
 * Workers start on the first task and are unreferenced while idle, so they never keep a command
 * alive; `close()` ends them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Heap } from './heap.js';
import type { WorkerReply, WorkerRequest } from './kernel-worker.js';
import { drainChunks, type Task } from './tasks.js';
import {
  instantiateKernels,
  kernelBuild,
  kernelModule,
  simdSupported,
  type KernelBuild,
  type KernelExports,
} from './wasm-kernels.js';

const heapIds = new WeakMap<Heap, number>();
let nextHeapId = 1;
function heapId(heap: Heap): number {
  let id = heapIds.get(heap);
  if (id === undefined) {
    id = nextHeapId++;
    heapIds.set(heap, id);
  }
  return id;
}

/**
 * A worker from the compiled .js next to this file, or, when running from the TypeScript sources
 * (tests, tsx), a small bootstrap that registers tsx in the worker first.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const target = new URL('./kernel-worker.ts', here).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./kernel-worker.js', here));
}

interface PoolWorker {
  worker: Worker;
}

/** The default thread count: every core the process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

export class KernelPool {
  private readonly workers: PoolWorker[] = [];
  private readonly inline = new WeakMap<Heap, KernelExports | null>();
  readonly threads: number;
  readonly simd: boolean;
  /** Which kernels the pool runs. */
  get build(): KernelBuild {
    return this.simd ? kernelBuild() : 'typescript';
  }

  constructor(threads = defaultThreads(), options: { simd?: boolean } = {}) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new RangeError(`threads must be 1 or more, not ${threads}`);
    this.threads = threads;
    this.simd = options.simd ?? simdSupported();
  }

  /** The WebAssembly kernels over `heap` on this thread (null when the pool runs TypeScript ones). */
  kernelsOn(heap: Heap): KernelExports | null {
    const module = this.simd ? kernelModule() : null;
    if (!module) return null;
    let exports = this.inline.get(heap);
    if (exports === undefined) {
      exports = instantiateKernels(heap.memory, module);
      this.inline.set(heap, exports);
    }
    return exports;
  }

  /**
   * Starts the worker threads now and waits until each has loaded the kernels (a benchmark calls it
   * before timing; a first task would otherwise pay for the threads' start).
   */
  async start(): Promise<void> {
    if (this.threads <= 1) return;
    const heap = new Heap();
    const rows = heap.float32(16);
    const out = heap.float32(this.threads * 16);
    await this.run(heap, {
      kernel: 'gram',
      arrays: {
        y: { offset: rows.offset, length: 16, type: 'f32' },
        out: { offset: out.offset, length: out.array.length, type: 'f32' },
      },
      numbers: { fs: 16 },
      total: this.threads,
      chunk: 1,
      scratch: 0,
      scratchBytes: 0,
    });
  }

  /** Runs every row of `task` over `heap`; resolves when all threads are done. */
  async run(heap: Heap, task: Task): Promise<void> {
    const counter = heap.allocate(4);
    new Int32Array(heap.memory.buffer, counter, 1)[0] = 0;
    const chunks = Math.ceil(task.total / task.chunk);
    const threads = Math.min(this.threads, chunks);
    if (threads <= 1) {
      drainChunks(task, { memory: heap.memory, wasm: this.kernelsOn(heap), scratch: task.scratch }, counter);
      return;
    }
    while (this.workers.length < threads) this.workers.push({ worker: startWorker() });
    const id = heapId(heap);
    const module = this.simd ? kernelModule() : null;
    await Promise.all(
      this.workers.slice(0, threads).map(
        (w, thread) =>
          new Promise<void>((done, fail) => {
            const onError = (err: Error) => {
              w.worker.off('message', onMessage);
              fail(err);
            };
            const onMessage = (reply: WorkerReply) => {
              w.worker.off('error', onError);
              w.worker.unref();
              if (reply.ok) done();
              else fail(new Error(`a kernel thread failed: ${reply.message}`));
            };
            w.worker.once('message', onMessage);
            w.worker.once('error', onError);
            w.worker.ref();
            const request: WorkerRequest = {
              heapId: id,
              memory: heap.memory,
              // A compiled module posts cheaply (its code is shared); the worker instantiates it once per heap.
              module,
              task,
              thread,
              counter,
            };
            w.worker.postMessage(request);
          }),
      ),
    );
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

let shared: KernelPool | null = null;

/** One pool for the process at the default thread count (the server's, the CLI's). */
export function sharedPool(): KernelPool {
  shared ??= new KernelPool();
  return shared;
}
