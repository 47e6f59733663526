/** A chevron icon; decorative (the button it sits in carries the accessible name). */
export type ChevronDirection = 'up' | 'down' | 'left' | 'right';

const rotation: Record<ChevronDirection, number> = { down: 0, left: 90, up: 180, right: 270 };

export function Chevron({ direction }: { direction: ChevronDirection }) {
  return (
    <svg
      className="chevron"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      style={{ transform: `rotate(${rotation[direction]}deg)` }}
    >
      <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
