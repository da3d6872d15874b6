// The category select: the graph's categories, children grouped under their parent.

import type { Category } from './api';

/** Options grouped by parent; a top category without children is an option of its own. */
export function CategorySelect({
  categories,
  value,
  onChange,
}: {
  categories: Category[];
  value: string;
  onChange: (id: string) => void;
}) {
  const byId = new Map(categories.map((c) => [c.id, c]));
  // Deeper levels join their top category's group: a phone's select shows one level of groups.
  const topOf = (category: Category): Category => {
    let current = category;
    for (let hops = 0; hops < 10; hops += 1) {
      const parent = current.parent === null ? undefined : byId.get(current.parent);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const children = new Map<string, Category[]>();
  for (const category of categories) {
    const top = topOf(category);
    if (top !== category) children.set(top.id, [...(children.get(top.id) ?? []), category]);
  }
  const tops = categories.filter((c) => topOf(c) === c);
  return (
    <select
      name="category"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="" disabled>
        请选择问题类别
      </option>
      {tops.map((top) => {
        const kids = children.get(top.id);
        if (!kids) {
          return (
            <option key={top.id} value={top.id}>
              {top.name}
            </option>
          );
        }
        return (
          <optgroup key={top.id} label={top.name}>
            {kids.map((kid) => (
              <option key={kid.id} value={kid.id}>
                {kid.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
