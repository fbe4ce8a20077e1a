/** The most any answer the core asks for may carry (IdP, broker, discovery: a few KiB each). */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer is too large (over ${Math.round(limit / 1024)} KiB)`);
    this.name = 'BodyTooLargeError';
  }
}

/** The BodyTooLargeError somewhere in a cause chain (readers wrap stream errors). */
export function bodyTooLarge(err: unknown): BodyTooLargeError | undefined {
  for (let e = err, n = 0; e && n < 5; e = (e as { cause?: unknown }).cause, n++) {
    if (e instanceof BodyTooLargeError) return e;
  }
  return undefined;
}

/**
 * The same response with a body that errors, and stops reading from the network, as soon as
 * more than `limit` bytes arrived; a declared Content-Length above it fails on the first
 * read. Whoever reads it (res.json(), openid-client) gets BodyTooLargeError.
 */
export function capResponse(res: Response, limit = MAX_BODY_BYTES): Response {
  const source = res.body;
  if (!source) return res;
  const declared = Number(res.headers.get('content-length') ?? 0);
  const reader = source.getReader();
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const failed = () => {
        void reader.cancel().catch(() => undefined);
        controller.error(new BodyTooLargeError(limit));
      };
      if (declared > limit) return failed();
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) return failed();
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const capped = new Response(body, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
  // Response's url and redirected cannot be passed to the constructor; readers look at them.
  Object.defineProperty(capped, 'url', { value: res.url });
  Object.defineProperty(capped, 'redirected', { value: res.redirected });
  return capped;
}

/** The body as text, read through capResponse. */
export async function readCappedText(res: Response, limit = MAX_BODY_BYTES): Promise<string> {
  try {
    return await capResponse(res, limit).text();
  } catch (err) {
    throw bodyTooLarge(err) ?? err;
  }
}
