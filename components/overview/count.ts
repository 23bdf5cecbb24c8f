/** "1 failure", "3 failures": a number with its noun, in the plural unless it is one. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
