import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a session lasts; loading the app again renews it. */
export const SESSION_TTL_S = 30 * 86_400;

/** `a === b` in time that does not depend on where they differ (for keys and MACs). */
export function constantTimeEqual(a: string, b: string): boolean {
  // Comparing digests keeps the time independent of the lengths too.
  const da = createHmac("sha256", "gumleaf-compare").update(a).digest();
  const db = createHmac("sha256", "gumleaf-compare").update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * The app's same-origin session when GUMLEAF_API_KEY is set: an HttpOnly
 * cookie holding `<expiry>.<HMAC>`. Nothing is stored server-side. The MAC key
 * is derived from the data folder's secret and the API key, so changing the
 * API key signs every browser out.
 */
export function createSessions(secret: string, apiKey: string, now: () => number) {
  const key = createHmac("sha256", secret).update(`gumleaf-session\0${apiKey}`).digest();
  const mac = (exp: number) => createHmac("sha256", key).update(`session:${exp}`).digest("base64url");
  // Distinct per data folder, so two Gumleaf servers on one machine (cookies
  // ignore the port) do not overwrite each other's session.
  const cookieName = `gumleaf_session_${createHmac("sha256", secret).update("cookie-name").digest("hex").slice(0, 10)}`;

  return {
    cookieName,
    /** A fresh token, valid for SESSION_TTL_S. */
    issue(): string {
      const exp = Math.floor(now() / 1000) + SESSION_TTL_S;
      return `${exp}.${mac(exp)}`;
    },
    verify(token: string | undefined): boolean {
      if (!token) return false;
      const dot = token.indexOf(".");
      const exp = Number(token.slice(0, dot));
      if (dot <= 0 || !Number.isInteger(exp)) return false;
      if (!constantTimeEqual(token.slice(dot + 1), mac(exp))) return false;
      return exp * 1000 > now();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
