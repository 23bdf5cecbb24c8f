/**
 * A small seeded generator for the detectors' test corpora: the same seed gives the same strings on
 * every machine, so a corpus failure is reproducible and no test depends on the network or the clock.
 */

/** mulberry32: 32-bit state, good enough spread for test data (not for anything secret). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  digits(length: number): string {
    return this.chars("0123456789", length);
  }

  hex(length: number): string {
    return this.chars("0123456789abcdef", length);
  }

  uuid(): string {
    const variant = this.pick(["8", "9", "a", "b"]);
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}

export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const DIGITS = "0123456789";
export const ALNUM = LOWER + UPPER + DIGITS;
export const BASE64URL = `${ALNUM}-_`;

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** Every day from the first to the last year given, both included, in UTC. */
export function* eachDay(fromYear: number, toYear: number): Generator<Date> {
  const day = new Date(Date.UTC(fromYear, 0, 1));
  while (day.getUTCFullYear() <= toYear) {
    yield new Date(day);
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

/** ISO 8601 week-numbering year and week of a date. */
export function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      ((thursday.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    );
  return { year: thursday.getUTCFullYear(), week };
}
