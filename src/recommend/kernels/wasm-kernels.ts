/**
 * The WebAssembly SIMD kernels as one module, compiled once per process and instantiated over a
 * Heap's shared memory. Two builds: with relaxed-SIMD fused multiply-add (one instruction for
 * a·b + c, FMA on x86-64) where the runtime has it — Node 22 by default; Node 20 behind V8's
 * --experimental-wasm-relaxed-simd, which is switched on here before compiling — and with plain
 * fixed-width SIMD otherwise. Where neither compiles (or LISTENHOUSE_KERNELS=js) the TypeScript
 * kernels stand in; LISTENHOUSE_KERNELS=simd keeps to the plain SIMD build (to compare).
 */
import { setFlagsFromString } from 'node:v8';
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

export type KernelBuild = 'wasm-simd-fma' | 'wasm-simd' | 'typescript';

function build(fma: boolean): WebAssembly.Module {
  const m = new ModuleBuilder();
  emitConjugateGradient(m, fma);
  emitGram(m, fma);
  emitTopK(m, fma);
  return new WebAssembly.Module(m.encode({ shared: true, maxPages: MAX_PAGES }));
}

let compiled: { module: WebAssembly.Module | null; build: KernelBuild } | null = null;

function compile(): { module: WebAssembly.Module | null; build: KernelBuild } {
  if (compiled) return compiled;
  const wanted = process.env.LISTENHOUSE_KERNELS;
  if (wanted === 'js') return (compiled = { module: null, build: 'typescript' });
  if (wanted !== 'simd') {
    try {
      // A no-op where relaxed SIMD is on already; on Node 20 it makes the FMA build compile.
      setFlagsFromString('--experimental-wasm-relaxed-simd');
      return (compiled = { module: build(true), build: 'wasm-simd-fma' });
    } catch {
      // No relaxed SIMD here: the plain build below.
    }
  }
  try {
    return (compiled = { module: build(false), build: 'wasm-simd' });
  } catch {
    return (compiled = { module: null, build: 'typescript' });
  }
}

/** The kernels' module (a WebAssembly.Module can be posted to workers); null: TypeScript kernels. */
export function kernelModule(): WebAssembly.Module | null {
  return compile().module;
}

/** Which kernels run here. */
export function kernelBuild(): KernelBuild {
  return compile().build;
}

export function instantiateKernels(memory: WebAssembly.Memory, module: WebAssembly.Module): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

/** Whether the WebAssembly kernels can run here (and are wanted). */
export function simdSupported(): boolean {
  return compile().module !== null;
}
