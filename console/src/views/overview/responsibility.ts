// Who answers for a community, per category: the routing rules read as the service reads them.

import type { Category, Rule } from './overviewData';

export interface Responsibility {
  category: string;
  rule: Rule;
  /** 0 when the rule names the community itself, 1 its 片区, 2 the district. */
  areaDistance: number;
}

function validOn(rule: Rule, day: string): boolean {
  return (!rule.validFrom || rule.validFrom <= day) && (!rule.validTo || rule.validTo >= day);
}

/** How far along `chain` (nearest first) one of `targets` is met; null when never. */
function distance(chain: string[], targets: Set<string>): number | null {
  const found = chain.findIndex((id) => targets.has(id));
  return found < 0 ? null : found;
}

/**
 * For each category a rule applying to the community names, the rule the service would route by:
 * valid today, then the nearest category, then the nearest area, then the higher priority (the
 * service ranks a larger priority first), then the name.
 *
 * `areas` is the community and its ancestors, nearest first.
 */
export function responsibilities(
  areas: string[],
  rules: Rule[],
  categories: Category[],
  day: string,
): Responsibility[] {
  const parentOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const category of categories) {
    nameOf.set(category.id, category.name);
    if (category.parent) parentOf.set(category.id, category.parent.id);
  }
  const categoryChain = (id: string) => {
    const chain = [id];
    for (let next = parentOf.get(id); next && !chain.includes(next); next = parentOf.get(next)) {
      chain.push(next);
    }
    return chain;
  };
  const applying = rules
    .filter((rule) => validOn(rule, day))
    .map((rule) => ({ rule, areaDistance: distance(areas, new Set(rule.areas.map((a) => a.id))) }))
    .filter((entry): entry is { rule: Rule; areaDistance: number } => entry.areaDistance !== null);
  const named = new Set(applying.flatMap((entry) => entry.rule.categories.map((c) => c.id)));
  const answers: Responsibility[] = [];
  for (const categoryId of named) {
    const chain = categoryChain(categoryId);
    const ranked = applying
      .map((entry) => ({
        ...entry,
        categoryDistance: distance(chain, new Set(entry.rule.categories.map((c) => c.id))),
      }))
      .filter((entry) => entry.categoryDistance !== null)
      .sort(
        (a, b) =>
          (a.categoryDistance ?? 0) - (b.categoryDistance ?? 0) ||
          a.areaDistance - b.areaDistance ||
          (b.rule.priority ?? 0) - (a.rule.priority ?? 0) ||
          (a.rule.name ?? '').localeCompare(b.rule.name ?? ''),
      );
    const best = ranked[0];
    answers.push({
      category: nameOf.get(categoryId) ?? '',
      rule: best.rule,
      areaDistance: best.areaDistance,
    });
  }
  return answers.sort(
    (a, b) => a.areaDistance - b.areaDistance || a.category.localeCompare(b.category, 'zh-CN'),
  );
}
