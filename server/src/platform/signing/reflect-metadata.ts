/**
 * @peculiar/x509 resolves its ASN.1 providers through tsyringe, which refuses to load unless
 * `Reflect.getMetadata` exists (the `reflect-metadata` polyfill, not a dependency here). tsyringe
 * reads and writes constructor metadata with exactly three calls (`defineMetadata`,
 * `getMetadata`, `getOwnMetadata`), so a WeakMap-backed store with their contract is all it
 * needs. Import this module before `@peculiar/x509`.
 */
type MetadataTarget = object;

interface ReflectWithMetadata {
  defineMetadata?: (key: unknown, value: unknown, target: MetadataTarget) => void;
  getMetadata?: (key: unknown, target: MetadataTarget) => unknown;
  getOwnMetadata?: (key: unknown, target: MetadataTarget) => unknown;
}

const reflect = Reflect as unknown as ReflectWithMetadata;

if (!reflect.getMetadata) {
  const store = new WeakMap<MetadataTarget, Map<unknown, unknown>>();
  reflect.defineMetadata = (key, value, target) => {
    const entries = store.get(target) ?? new Map<unknown, unknown>();
    entries.set(key, value);
    store.set(target, entries);
  };
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  // As in reflect-metadata, an inherited lookup walks the prototype chain.
  reflect.getMetadata = (key, target) => {
    for (
      let current: MetadataTarget | null = target;
      current;
      current = Object.getPrototypeOf(current) as MetadataTarget | null
    ) {
      const entries = store.get(current);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  };
}

export {};
