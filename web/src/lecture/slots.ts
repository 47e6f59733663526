/** A picture slot in words: `cover` → "Cover", `segment-2-image-1` → "Segment 2, picture 1". */
export function slotLabel(slot: string): string {
  if (slot === 'cover') return 'Cover';
  const found = /^segment-(\d+)-image-(\d+)$/.exec(slot);
  return found ? `Segment ${found[1]}, picture ${found[2]}` : slot;
}
