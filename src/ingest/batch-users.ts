import type { Database } from '../store/database.js';
import { ensureUser, type User } from '../store/user-repository.js';

/**
 * The users whose listens a run reads, for formats whose records name them (Last.fm 1K, the
 * simulator).
 *
 * Why names are resolved per batch, in the batch's transaction: a first pass to gather the names
 * would read the whole file twice (the 1K data set is 2.4 GB, and a zip member can only be streamed),
 * and creating a user the moment a record names it would have to wait for the batch being written,
 * which shares the one connection, stalling the parse. So a record whose user is not known yet
 * leaves its listen's user id open; just before the batch goes to the writer its new names are
 * looked up or created in the transaction that stores the batch. A batch that rolls back takes its
 * new users with it, and they are only remembered (and reported as created) once it has committed.
 */
export class BatchUsers {
  /** Names whose users exist in committed data. */
  private readonly known = new Map<string, number>();
  /** The names the run's listens went to, in the order first met. */
  private readonly met = new Set<string>();

  constructor(
    private readonly db: Database,
    /** Users resolved before the first record (the run's user, --user, a ListenBrainz export's user). */
    resolved: readonly User[],
  ) {
    for (const user of resolved) this.known.set(user.name, user.id);
  }

  /** Notes a listen for `user` and returns its id when it is already known. */
  listenOf(user: User | string): number | undefined {
    const name = typeof user === 'string' ? user : user.name;
    this.met.add(name);
    return typeof user === 'string' ? this.known.get(name) : user.id;
  }

  /**
   * Looks up or creates the users of `names` (call inside the batch's transaction) and returns their
   * ids and the names created; `commit` them once the transaction has committed.
   */
  async resolve(names: Iterable<string>): Promise<ResolvedUsers> {
    const ids = new Map<string, number>();
    const created: string[] = [];
    for (const name of names) {
      const known = this.known.get(name);
      if (known !== undefined) {
        ids.set(name, known);
        continue;
      }
      const { user, created: isNew } = await ensureUser(this.db, name);
      ids.set(name, user.id);
      if (isNew) created.push(name);
    }
    return { ids, created };
  }

  commit(resolved: ResolvedUsers): void {
    for (const [name, id] of resolved.ids) this.known.set(name, id);
  }

  /** The users the run's listens went to, in the order first met; names never stored are left out. */
  listenUserIds(): number[] {
    const ids: number[] = [];
    for (const name of this.met) {
      const id = this.known.get(name);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }
}

export interface ResolvedUsers {
  ids: ReadonlyMap<string, number>;
  /** In the order the batch met them. */
  created: readonly string[];
}
