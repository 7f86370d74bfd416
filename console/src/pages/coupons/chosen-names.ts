import { useState } from 'react';

export interface NamedOption {
  value: string;
  label: string;
  /** What a confirmation calls the chosen item. */
  name: string;
}

/**
 * The names of the items a searchable multi-select has chosen. A new search replaces the options,
 * so the names are remembered as items are chosen, for the confirmation that lists them all.
 */
export function useChosenNames(options: readonly NamedOption[]) {
  const [names, setNames] = useState<Record<string, string>>({});
  const remember = (ids: readonly string[]) =>
    setNames((known) => ({
      ...known,
      ...Object.fromEntries(
        options.filter((option) => ids.includes(option.value)).map((o) => [o.value, o.name]),
      ),
    }));
  const nameOf = (id: string) => names[id] ?? id;
  return { remember, nameOf };
}
