/**
 * Runs a CLI module's `main` when the file itself was started (`tsx lib/cli/<name>.ts`), not when a
 * test imports it, and turns an unexpected failure into one line on stderr and exit code 1.
 */
export function runWhenStarted(name: string, main: (argv: string[]) => Promise<number>): void {
  const started = process.argv[1];
  if (!started || !new RegExp(`${name}\\.(ts|js|mjs)$`).test(started)) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`safekeep ${name}: unexpected failure: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
