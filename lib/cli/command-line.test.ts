import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCommandLine } from "./command-line";

const schema = z.object({
  id: z.string().regex(/^\d{12}$/, "--id must be 12 digits"),
  json: z.boolean().default(false),
});
const options = { id: { type: "string" }, json: { type: "boolean" } } as const;

describe("parseCommandLine", () => {
  it("returns the validated options", () => {
    const err: string[] = [];
    expect(
      parseCommandLine("probe", ["--id", "111122223333"], options, schema, "Usage: probe", (l) => err.push(l)),
    ).toEqual({
      id: "111122223333",
      json: false,
    });
    expect(err).toEqual([]);
  });

  it.each([
    [["--nope"], /safekeep probe: Unknown option '--nope'/],
    [["--id", "12"], /safekeep probe: --id must be 12 digits/],
  ])("refuses %j with the reason and the usage", (argv, reason) => {
    const err: string[] = [];
    expect(parseCommandLine("probe", argv, options, schema, "Usage: probe", (l) => err.push(l))).toBeUndefined();
    expect(err.join("\n")).toMatch(reason);
    expect(err.join("\n")).toContain("Usage: probe");
  });
});
