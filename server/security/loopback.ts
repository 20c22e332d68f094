/**
 * What counts as "this computer only": the names and addresses that never
 * leave the machine.
 */

/** `127.0.0.1`, `127.x.y.z`, `::1`, `[::1]`, `localhost`: names a listener or a Host header can use for loopback. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A peer address from the socket (`::ffff:127.0.0.1` is IPv4 loopback seen through an IPv6 socket). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return isLoopbackHostname(address.replace(/^::ffff:/i, ""));
}

/** The host name of a `Host` header value (`127.0.0.1:5173` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
export function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1);
  const colon = hostHeader.lastIndexOf(":");
  return colon === -1 ? hostHeader : hostHeader.slice(0, colon);
}
