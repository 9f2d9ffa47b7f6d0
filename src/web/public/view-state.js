// @ts-check
// The view in the address bar (round, unit, tab), so a reload or a shared link opens the same view and
// the back button steps back through it. Only which view is open: never a figure.

/** @typedef {{ round: string | null; unit: string | null; tab: string | null }} View */

/** @returns {View} */
export function readView() {
  const q = new URLSearchParams(location.search);
  return { round: q.get("round"), unit: q.get("unit"), tab: q.get("tab") };
}

/**
 * Writes a change into the address: a new history entry when the person moved (`push`), else in place.
 * Other parameters (?inTeams=1) stay; the sign-in notice goes.
 * @param {Partial<View>} change
 * @param {boolean} push
 */
export function writeView(change, push) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(change)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  q.delete("signin");
  const query = q.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}
