/**
 * Reading an HTTP/1.1 response from the bytes of a raw socket, for tests that must send requests no
 * client library would (`OPTIONS *`, absolute-form targets, CONNECT, oversized request lines).
 */
export interface RawAnswer {
  status: number;
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** The body, de-chunked when it was sent chunked. */
  body: string;
}

export function parseRawResponse(data: string): RawAnswer {
  const [head = "", ...rest] = data.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines)
    headers[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
  let body = rest.join("\r\n\r\n");
  if (headers["transfer-encoding"] === "chunked") {
    let decoded = "";
    let cursor = body;
    for (let size = parseInt(cursor, 16); size > 0; size = parseInt(cursor, 16)) {
      const start = cursor.indexOf("\r\n") + 2;
      decoded += cursor.slice(start, start + size);
      cursor = cursor.slice(start + size + 2);
    }
    body = decoded;
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}
