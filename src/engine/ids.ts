// Ids a run creates on the target (request_id, merchantOrderId): unique to the run and the same on every run of the
// same target, whatever order the lanes interleave in (a run-wide counter was not).

// Id suffix: 4 base-36 characters name the check or setup, 2 count its ids.
const OWNER_CODE_SPACE = 36 ** 4;
const CHECK_CODES = 36 ** 2;
const ID_COUNTER_SPACE = 36 ** 2;

export class RunIds {
  private readonly counters = new Map<string, number>();
  private readonly ownerCodes = new Map<string, number>();
  private readonly usedCodes = new Set<number>();
  private checkIndex?: Map<string, number>;

  /**
   * @param runTag makes the ids of this run unique
   * @param checkIds the catalogue's check IDs in order, asked for once on first use
   */
  constructor(
    private readonly runTag: string,
    private readonly checkIds: () => string[],
  ) {}

  /** A new id: prefix, run tag, a code of the check (or setup) asking and its own counter. */
  next(prefix: string, maxLength: number, owner = ''): string {
    const n = this.counters.get(owner) ?? 0;
    if (n >= ID_COUNTER_SPACE) throw new Error(`${owner} asked for more than ${ID_COUNTER_SPACE} ids`);
    this.counters.set(owner, n + 1);
    const id = `${prefix}${this.runTag}${this.ownerCode(owner).toString(36).padStart(4, '0')}${n.toString(36).padStart(2, '0')}`;
    if (id.length > maxLength) throw new Error(`id ${id} is longer than ${maxLength}`);
    return id;
  }

  // Checks are numbered by their place in the catalogue; setups and anything else get a code hashed from their name
  // above that range (probing on the rare collision, so ids stay unique).
  private ownerCode(owner: string): number {
    let code = this.ownerCodes.get(owner);
    if (code !== undefined) return code;
    this.checkIndex ??= new Map(this.checkIds().map((id, i) => [id, i]));
    code = this.checkIndex.get(owner);
    if (code === undefined) {
      const range = OWNER_CODE_SPACE - CHECK_CODES;
      let h = 0x811c9dc5;
      for (let i = 0; i < owner.length; i++) h = Math.imul(h ^ owner.charCodeAt(i), 0x01000193) >>> 0;
      code = CHECK_CODES + (h % range);
      while (this.usedCodes.has(code)) code = CHECK_CODES + ((code - CHECK_CODES + 1) % range);
    }
    this.usedCodes.add(code);
    this.ownerCodes.set(owner, code);
    return code;
  }
}
