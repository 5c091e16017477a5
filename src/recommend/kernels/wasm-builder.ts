/**
 * A small WebAssembly assembler: the project has no compiler for wasm (no clang, no wabt, no npm
 * install), and the kernels need only a few dozen instructions, so they are written with this
 * builder and encoded at start-up (a few kilobytes, well under a millisecond). It knows exactly the
 * instructions the kernels use; the encodings are those of the WebAssembly core spec 2.0 (binary
 * format, §5) with the fixed-width SIMD proposal (0xFD prefix).
 */

export type ValType = 'i32' | 'f32' | 'f64' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

function uleb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  uleb(bytes.length, out);
  out.push(...bytes);
}

/** Natural alignment (log2 bytes) of each memory access the kernels make. */
const ALIGN = { i32: 2, f32: 2, v128: 4 } as const;

/**
 * The body of one function. Locals are numbered after the parameters; `local(type)` adds one and
 * returns its index. Control instructions (block, loop, if) take a callback for their body.
 */
export class Code {
  readonly bytes: number[] = [];
  readonly locals: ValType[] = [];
  constructor(readonly paramCount: number) {}

  local(type: ValType): number {
    this.locals.push(type);
    return this.paramCount + this.locals.length - 1;
  }
  private op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }
  private simd(opcode: number): this {
    this.bytes.push(0xfd);
    uleb(opcode, this.bytes);
    return this;
  }
  private mem(opcode: number, align: number, offset: number, simd = false): this {
    if (simd) this.simd(opcode);
    else this.bytes.push(opcode);
    uleb(align, this.bytes);
    uleb(offset, this.bytes);
    return this;
  }

  // Control. Branch depths count enclosing blocks outward from 0, as in the text format.
  block(body: () => void): this {
    this.op(0x02, 0x40);
    body();
    return this.op(0x0b);
  }
  loop(body: () => void): this {
    this.op(0x03, 0x40);
    body();
    return this.op(0x0b);
  }
  if(then: () => void, otherwise?: () => void): this {
    this.op(0x04, 0x40);
    then();
    if (otherwise) {
      this.op(0x05);
      otherwise();
    }
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    uleb(depth, this.bytes);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    uleb(depth, this.bytes);
    return this;
  }
  return(): this {
    return this.op(0x0f);
  }
  drop(): this {
    return this.op(0x1a);
  }
  select(): this {
    return this.op(0x1b);
  }

  get(index: number): this {
    this.op(0x20);
    uleb(index, this.bytes);
    return this;
  }
  set(index: number): this {
    this.op(0x21);
    uleb(index, this.bytes);
    return this;
  }
  tee(index: number): this {
    this.op(0x22);
    uleb(index, this.bytes);
    return this;
  }

  // Memory.
  i32Load(offset = 0): this {
    return this.mem(0x28, ALIGN.i32, offset);
  }
  f32Load(offset = 0): this {
    return this.mem(0x2a, ALIGN.f32, offset);
  }
  i32Store(offset = 0): this {
    return this.mem(0x36, ALIGN.i32, offset);
  }
  f32Store(offset = 0): this {
    return this.mem(0x38, ALIGN.f32, offset);
  }
  v128Load(offset = 0): this {
    return this.mem(0x00, ALIGN.v128, offset, true);
  }
  v128Store(offset = 0): this {
    return this.mem(0x0b, ALIGN.v128, offset, true);
  }

  // i32.
  i32Const(value: number): this {
    this.op(0x41);
    sleb(value, this.bytes);
    return this;
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Eq(): this {
    return this.op(0x46);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GtS(): this {
    return this.op(0x4a);
  }
  i32LeS(): this {
    return this.op(0x4c);
  }
  i32GeS(): this {
    return this.op(0x4e);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Or(): this {
    return this.op(0x72);
  }
  i32Shl(): this {
    return this.op(0x74);
  }
  i32ShrU(): this {
    return this.op(0x76);
  }

  // f32.
  f32Const(value: number): this {
    this.op(0x43);
    const b = new Uint8Array(new Float32Array([value]).buffer);
    this.bytes.push(...b);
    return this;
  }
  f32Lt(): this {
    return this.op(0x5d);
  }
  f32Gt(): this {
    return this.op(0x5e);
  }
  f32Le(): this {
    return this.op(0x5f);
  }
  f32Ge(): this {
    return this.op(0x60);
  }
  f32Neg(): this {
    return this.op(0x8c);
  }
  f32Sqrt(): this {
    return this.op(0x91);
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Sub(): this {
    return this.op(0x93);
  }
  f32Mul(): this {
    return this.op(0x94);
  }
  f32Div(): this {
    return this.op(0x95);
  }
  f32ConvertI32S(): this {
    return this.op(0xb2);
  }
  f32Abs(): this {
    return this.op(0x8b);
  }
  f32Nearest(): this {
    return this.op(0x90);
  }
  f32Min(): this {
    return this.op(0x96);
  }
  f32Max(): this {
    return this.op(0x97);
  }
  /** Saturating float → i32 (NaN gives 0; never traps). */
  i32TruncSatF32S(): this {
    return this.op(0xfc, 0x00);
  }

  // SIMD (f32x4 lanes).
  v128Const0(): this {
    this.simd(0x0c);
    for (let i = 0; i < 16; i++) this.bytes.push(0);
    return this;
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }

  i32x4Splat(): this {
    return this.simd(0x11);
  }
  /** Integer lanes: a + b (i32x4). */
  i32x4Add(): this {
    return this.simd(0xae);
  }
  i32x4Sub(): this {
    return this.simd(0xb1);
  }
  /** Integer lanes: the i16x8 products of a and b, adjacent pairs summed into i32x4 (pmaddwd). */
  i32x4DotI16x8S(): this {
    return this.simd(0xba);
  }
  /** Relaxed SIMD: adjacent products of a's signed bytes and b's bytes (0–127) summed, as i16x8. */
  i16x8RelaxedDotI8x16I7x16S(): this {
    return this.simd(0x112);
  }
  /** Adjacent i16 lanes summed into i32x4. */
  i32x4ExtaddPairwiseI16x8S(): this {
    return this.simd(0x7e);
  }
  f32x4ConvertI32x4S(): this {
    return this.simd(0xfa);
  }

  f32x4ExtractLane(lane: number): this {
    this.simd(0x1f);
    this.bytes.push(lane);
    return this;
  }
  f32x4Gt(): this {
    return this.simd(0x44);
  }
  v128AnyTrue(): this {
    return this.simd(0x53);
  }
  i32x4Bitmask(): this {
    return this.simd(0xa4);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Sub(): this {
    return this.simd(0xe5);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  f32x4Max(): this {
    return this.simd(0xe9);
  }
  /** Relaxed SIMD: a·b + c, fused where the CPU can (FMA), with c on top of the stack. */
  f32x4RelaxedMadd(): this {
    return this.simd(0x105);
  }

  /**
   * Leaves a·b + c on the stack: with `fused`, one relaxed multiply-add (FMA on x86-64 with FMA3);
   * otherwise a multiply and an add. Each operand is pushed by its callback.
   */
  mulAdd(fused: boolean, a: () => void, b: () => void, c: () => void): this {
    if (fused) {
      a();
      b();
      c();
      return this.f32x4RelaxedMadd();
    }
    c();
    a();
    b();
    return this.f32x4Mul().f32x4Add();
  }
  /** i8x16.shuffle with the 16 lane indices (0–31 across both operands). */
  i8x16Shuffle(lanes: readonly number[]): this {
    this.simd(0x0d);
    this.bytes.push(...lanes);
    return this;
  }
}

interface FunctionDef {
  name: string;
  params: ValType[];
  results: ValType[];
  code: Code;
}

/** A module of exported functions over one imported memory (shared when the workers use it). */
export class ModuleBuilder {
  private readonly functions: FunctionDef[] = [];

  /** Adds an exported function; `body` writes its instructions into the Code it is given. */
  func(def: { name: string; params: ValType[]; results?: ValType[] }, body: (code: Code) => void): void {
    const code = new Code(def.params.length);
    body(code);
    this.functions.push({ name: def.name, params: def.params, results: def.results ?? [], code });
  }

  /** The module's bytes: memory `env.memory` imported (shared, up to `maxPages` 64 KiB pages). */
  encode(memory: { shared: boolean; maxPages: number }): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, content: number[]) => {
      out.push(id);
      uleb(content.length, out);
      out.push(...content);
    };
    const types: number[] = [];
    uleb(this.functions.length, types);
    for (const f of this.functions) {
      types.push(0x60);
      uleb(f.params.length, types);
      for (const p of f.params) types.push(VALTYPE[p]);
      uleb(f.results.length, types);
      for (const r of f.results) types.push(VALTYPE[r]);
    }
    section(1, types);
    const imports: number[] = [];
    uleb(1, imports);
    name('env', imports);
    name('memory', imports);
    imports.push(0x02, memory.shared ? 0x03 : 0x01);
    uleb(1, imports);
    uleb(memory.maxPages, imports);
    section(2, imports);
    const funcs: number[] = [];
    uleb(this.functions.length, funcs);
    this.functions.forEach((_, i) => uleb(i, funcs));
    section(3, funcs);
    const exports: number[] = [];
    uleb(this.functions.length, exports);
    this.functions.forEach((f, i) => {
      name(f.name, exports);
      exports.push(0x00);
      uleb(i, exports);
    });
    section(7, exports);
    const codes: number[] = [];
    uleb(this.functions.length, codes);
    for (const f of this.functions) {
      const body: number[] = [];
      // Locals, run-length encoded by type.
      const runs: [number, ValType][] = [];
      for (const t of f.code.locals) {
        const last = runs[runs.length - 1];
        if (last && last[1] === t) last[0]++;
        else runs.push([1, t]);
      }
      uleb(runs.length, body);
      for (const [count, t] of runs) {
        uleb(count, body);
        body.push(VALTYPE[t]);
      }
      body.push(...f.code.bytes, 0x0b);
      uleb(body.length, codes);
      codes.push(...body);
    }
    section(10, codes);
    return new Uint8Array(out);
  }
}
