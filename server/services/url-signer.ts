import { createHmac, timingSafeEqual } from "node:crypto";

const DAY_S = 86_400;

/**
 * Signs media URLs so that <img> and <video>, which cannot send a bearer
 * header, can load them (gumnut-api.md §2.2). The expiry is rounded to a day
 * boundary at least 24 h ahead, so an asset's URL stays the same all day and
 * the browser's cache keeps working, while an old URL stops working.
 */
export function createUrlSigner(secret: string, now: () => number) {
  function mac(pathname: string, params: URLSearchParams): string {
    const entries = [...params].filter(([k]) => k !== "sig").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const canonical = `${pathname}?${new URLSearchParams(entries).toString()}`;
    return createHmac("sha256", secret).update(canonical).digest("base64url");
  }

  return {
    sign(pathname: string, params: Record<string, string>): string {
      const exp = (Math.floor(now() / 1000 / DAY_S) + 2) * DAY_S;
      const search = new URLSearchParams({ ...params, exp: String(exp) });
      search.set("sig", mac(pathname, search));
      return `${pathname}?${search.toString()}`;
    },
    /** "ok", or why the signature does not hold. */
    verify(pathname: string, params: URLSearchParams): "ok" | "missing" | "expired" | "invalid" {
      const sig = params.get("sig");
      const exp = Number(params.get("exp"));
      if (!sig || !params.has("exp")) return "missing";
      const expected = Buffer.from(mac(pathname, params));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
      if (!Number.isFinite(exp) || exp * 1000 < now()) return "expired";
      return "ok";
    },
  };
}

export type UrlSigner = ReturnType<typeof createUrlSigner>;
