/**
 * Who may see what on the dashboard (DESIGN.md "Who uses it" and rule 7).
 * Results: HR everything; a leader the units they lead and everything below;
 * a union or safety rep the unit they belong to and everything below.
 * Comments are narrower: HR, the unit's own leaders and its reps.
 * Choosing where a unit's digest goes: HR and the unit's leaders.
 * Writing its action plan: HR and leaders of it or a unit above.
 * Anonymity is decided elsewhere, once for the whole organization; access
 * only hides, so no viewer's cut can expose a residual.
 */
export interface ViewerFacts {
  hr: boolean;
  /** Units this person leads. */
  leads: readonly string[];
  /** Units this person represents as union or safety rep (their own unit). */
  represents: readonly string[];
}

export interface Access {
  results: ReadonlySet<string>;
  comments: ReadonlySet<string>;
  channels: ReadonlySet<string>;
  /** Writing a unit's action plan: HR, and leaders for their units and those below. Reps read it. */
  plans: ReadonlySet<string>;
}

/** unitId → parentId (null at the top). */
export type UnitParents = ReadonlyMap<string, string | null>;

function withDescendants(roots: readonly string[], parents: UnitParents): Set<string> {
  const out = new Set<string>();
  for (const id of parents.keys()) {
    for (let at: string | null | undefined = id; at != null; at = parents.get(at)) {
      if (roots.includes(at)) {
        out.add(id);
        break;
      }
    }
  }
  return out;
}

export function accessFor(v: ViewerFacts, parents: UnitParents): Access {
  if (v.hr) {
    const all = new Set(parents.keys());
    return { results: all, comments: all, channels: all, plans: all };
  }
  return {
    results: withDescendants([...v.leads, ...v.represents], parents),
    comments: new Set([...v.leads, ...v.represents].filter((u) => parents.has(u))),
    channels: new Set(v.leads.filter((u) => parents.has(u))),
    plans: withDescendants(v.leads, parents),
  };
}

/** Whether the dashboard has anything for this person at all. */
export function hasDashboard(a: Access): boolean {
  return a.results.size > 0;
}
