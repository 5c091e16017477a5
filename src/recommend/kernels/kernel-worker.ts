/**
 * A kernel thread of the pool (pool.ts): it receives tasks over one shared memory at a time,
 * instantiates the WebAssembly kernels over it once, and takes chunks until the task is done.
 */
import { parentPort } from 'node:worker_threads';
import { drainChunks, type Task } from './tasks.js';
import { instantiateKernels, type KernelExports } from './wasm-kernels.js';

export interface WorkerRequest {
  heapId: number;
  memory: WebAssembly.Memory;
  module: WebAssembly.Module | null;
  task: Task;
  thread: number;
  counter: number;
}
export type WorkerReply = { ok: true } | { ok: false; message: string };

let current: { heapId: number; memory: WebAssembly.Memory; wasm: KernelExports | null } | null = null;

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    if (current?.heapId !== request.heapId)
      current = {
        heapId: request.heapId,
        memory: request.memory,
        wasm: request.module ? instantiateKernels(request.memory, request.module) : null,
      };
    const { task } = request;
    drainChunks(
      task,
      {
        memory: current.memory,
        wasm: current.wasm,
        scratch: task.scratch + request.thread * task.scratchBytes,
      },
      request.counter,
    );
    parentPort!.postMessage({ ok: true } satisfies WorkerReply);
  } catch (err) {
    parentPort!.postMessage({
      ok: false,
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    } satisfies WorkerReply);
  }
});
