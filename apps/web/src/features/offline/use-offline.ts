import { useEffect, useState, useSyncExternalStore } from 'react';
import { type OutboxItem, outboxItems, outboxRevision, readSnapshot, type Snapshot, subscribe } from './store';

/** Every outbox item, re-read when the outbox changes (null while reading). */
export function useOutbox(): OutboxItem[] | null {
  const revision = useSyncExternalStore(subscribe, outboxRevision);
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read on every change of the outbox
  useEffect(() => {
    let live = true;
    outboxItems().then(
      (read) => live && setItems(read),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [revision]);
  return items;
}

/** The kept snapshot (null when none or expired), re-read when it changes. */
export function useSnapshot(): Snapshot | null {
  const revision = useSyncExternalStore(subscribe, outboxRevision);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read on every change
  useEffect(() => {
    let live = true;
    readSnapshot().then(
      (read) => live && setSnapshot(read),
      () => live && setSnapshot(null),
    );
    return () => {
      live = false;
    };
  }, [revision]);
  return snapshot;
}
