// Numbers for segment ids, one set per simulated run: the same id always gets the same key, and a
// fresh key is never equal to any other. Workloads intern the ids they share (tools, system prompt, a
// key's prefix) once, and take fresh keys for content that is unique by construction (history turns),
// so the table holds only shared ids and memory does not grow with the length of a conversation.

export class SegmentKeys {
  private readonly byId = new Map<string, number>();
  private next = 0;

  /** The key of `id`, the same every time within this run. */
  of(id: string): number {
    let key = this.byId.get(id);
    if (key === undefined) {
      key = this.next++;
      this.byId.set(id, key);
    }
    return key;
  }

  /** A key no other segment has: for content that is unique by construction. */
  fresh(): number {
    return this.next++;
  }
}
