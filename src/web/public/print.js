// @ts-check
// The printable report's one button, and its theme; the one-time ticket leaves the address bar, so a
// copied address carries nothing that opens the page again.
import { followTheme } from "./host.js";

followTheme({ kind: "browser" });
const q = new URLSearchParams(location.search);
if (q.has("ticket")) {
  q.delete("ticket");
  history.replaceState(null, "", `${location.pathname}?${q}`);
}
document.getElementById("print-now")?.addEventListener("click", () => window.print());
