/**
 * A data set: the user × item matrix of raw weights (play counts, or decayed counts) with the
 * names of its rows and columns, and, when the input has them, the time of each cell's latest
 * interaction (for the time-based split). Readers (files, the store) fill an Accumulator row by
 * row; `finish` builds the CSR in one pass.
 */
import { buildCsrWithTimes, type Csr } from './csr.js';

export interface Dataset {
  readonly matrix: Csr;
  /** Row names: user ids as the input gave them. */
  readonly users: readonly string[];
  /** Column names: item ids as the input gave them. */
  readonly items: readonly string[];
  /** Per stored cell (aligned with matrix.indices), epoch seconds of the latest interaction. */
  readonly times: Float64Array | null;
}

/** Gives each distinct name a dense index in order of first appearance. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
    }
    return i;
  }
  find(name: string): number | undefined {
    return this.index.get(name);
  }
}

/** Growable parallel arrays of (user, item, weight[, time]). */
export class Accumulator {
  readonly users = new Interner();
  readonly items = new Interner();
  private rows = new Int32Array(1 << 16);
  private cols = new Int32Array(1 << 16);
  private values = new Float32Array(1 << 16);
  private times: Float64Array | null = null;
  length = 0;

  add(user: string, item: string, weight: number, time?: number): void {
    this.addIds(this.users.id(user), this.items.id(item), weight, time);
  }

  addIds(user: number, item: number, weight: number, time?: number): void {
    if (this.length === this.rows.length) this.grow();
    this.rows[this.length] = user;
    this.cols[this.length] = item;
    this.values[this.length] = weight;
    if (time !== undefined) {
      this.times ??= new Float64Array(this.rows.length).fill(Number.NaN);
      this.times[this.length] = time;
    }
    this.length++;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const rows = new Int32Array(size);
    rows.set(this.rows);
    const cols = new Int32Array(size);
    cols.set(this.cols);
    const values = new Float32Array(size);
    values.set(this.values);
    this.rows = rows;
    this.cols = cols;
    this.values = values;
    if (this.times) {
      const times = new Float64Array(size).fill(Number.NaN);
      times.set(this.times);
      this.times = times;
    }
  }

  finish(): Dataset {
    const shape = { rows: this.users.names.length, cols: this.items.names.length };
    const triples = { rows: this.rows, cols: this.cols, values: this.values, length: this.length };
    const { matrix, times } = buildCsrWithTimes(shape, triples, this.times);
    return { matrix, users: this.users.names, items: this.items.names, times };
  }
}
