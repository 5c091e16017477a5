/**
 * The WebAssembly SIMD kernels as one module, compiled once per thread and instantiated over a
 * Heap's shared memory. `simdSupported()` tells whether this runtime has fixed-width SIMD; the
 * TypeScript kernels stand in where it has not (and with LISTENHOUSE_KERNELS=js, to compare).
 */
import { emitConjugateGradient } from './conjugate-gradient.js';
import { emitGram } from './gram.js';
import { MAX_PAGES } from './heap.js';
import { emitTopK } from './top-k.js';
import { ModuleBuilder } from './wasm-builder.js';

/** The exports; every pointer is a byte offset into the heap. */
export interface KernelExports {
  cg_rows(...args: number[]): void;
  gram_rows(start: number, end: number, y: number, fs: number, out: number): void;
  top_k_rows(...args: number[]): void;
}

let compiled: WebAssembly.Module | null = null;

/** The kernels' module (compiled on first use; a WebAssembly.Module can be posted to workers). */
export function kernelModule(): WebAssembly.Module {
  if (!compiled) {
    const m = new ModuleBuilder();
    emitConjugateGradient(m);
    emitGram(m);
    emitTopK(m);
    compiled = new WebAssembly.Module(m.encode({ shared: true, maxPages: MAX_PAGES }));
  }
  return compiled;
}

export function instantiateKernels(memory: WebAssembly.Memory, module = kernelModule()): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

let simd: boolean | null = null;

/** Whether the WebAssembly kernels can run here (fixed-width SIMD, shared memory), and are wanted. */
export function simdSupported(): boolean {
  if (simd === null) {
    try {
      kernelModule();
      simd = process.env.LISTENHOUSE_KERNELS !== 'js';
    } catch {
      simd = false;
    }
  }
  return simd;
}
