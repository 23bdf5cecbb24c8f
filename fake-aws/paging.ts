/** Opaque page tokens, as AWS hands them out: an offset nobody should read. */
export function page<T>(
  items: readonly T[],
  token: unknown,
  size: unknown,
  defaultSize = 100,
): { items: T[]; next?: string } {
  const start =
    typeof token === "string" && token ? Number(Buffer.from(token, "base64url").toString("utf8").split(":")[1]) : 0;
  const offset = Number.isFinite(start) && start >= 0 ? start : 0;
  const limit = Number(size) > 0 ? Number(size) : defaultSize;
  const slice = items.slice(offset, offset + limit);
  const nextOffset = offset + slice.length;
  return {
    items: slice,
    next: nextOffset < items.length ? Buffer.from(`page:${nextOffset}`, "utf8").toString("base64url") : undefined,
  };
}
