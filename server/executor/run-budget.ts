/**
 * Bounds the trigger data held by the runs one worker executes at once, beside its slots.
 * Slots alone let memory grow with the size of the events: 256 runs of the usual few KB hold
 * little, 256 runs of 1 MiB bodies hold far more than a small machine has. A run's size is
 * known only once it is loaded, after its claim: a claim counts each run it would take at the
 * typical size seen lately, and a loaded run counts at its own size. Pure state, no IO.
 */
export interface RunBudget {
  /** How many runs a claim may take now: at most `slots`, and at least one when nothing runs (a run larger than the budget runs alone). */
  room(slots: number, running: number): number;
  /** A run was claimed: tell its size once loaded (`held`), and when it ends (`ended`). */
  claimed(): { held: (bytes: number) => void; ended: () => void };
  /** About how many bytes the runs executing now hold. */
  readonly heldBytes: number;
}

/** How fast the typical size follows the sizes seen: a run of large events counts fully after a dozen runs. */
const FOLLOW = 0.2;

export function createRunBudget(maxBytes: number | undefined): RunBudget {
  let known = 0;
  let unsized = 0;
  let typical = 0;
  const held = () => known + unsized * typical;
  return {
    room(slots, running) {
      if (maxBytes === undefined || slots <= 0) return slots;
      // Nothing measured yet: one run shows how large this server's events are, before a burst of
      // them is claimed at a size nobody knows.
      if (typical === 0) return running === 0 ? 1 : 0;
      const fits = Math.floor((maxBytes - held()) / typical);
      return Math.min(slots, Math.max(running === 0 ? 1 : 0, fits));
    },
    claimed() {
      unsized += 1;
      let size: number | undefined;
      let ended = false;
      return {
        held(bytes) {
          if (ended || size !== undefined) return;
          size = Math.max(1, bytes);
          unsized -= 1;
          known += size;
          typical = typical === 0 ? size : typical + FOLLOW * (size - typical);
        },
        ended() {
          if (ended) return;
          ended = true;
          if (size === undefined) unsized -= 1;
          else known -= size;
        },
      };
    },
    get heldBytes() {
      return held();
    },
  };
}

/** About the bytes a run's trigger data holds: the body twice (raw and parsed) and the headers. The same estimate ingest keeps fresh runs by. */
export function triggerBytes(bodyBytes: number, headers: Readonly<Record<string, string>>): number {
  let bytes = 512 + 2 * bodyBytes;
  for (const [name, value] of Object.entries(headers)) bytes += name.length + value.length + 16;
  return bytes;
}
