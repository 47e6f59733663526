/** "7/12 images": how many units of a long step are done. */
export function ProgressBar({ done, total, unit, label }: { done: number; total: number; unit: string; label: string }) {
  const clamped = Math.min(Math.max(done, 0), total);
  const percent = total > 0 ? (clamped / total) * 100 : 0;
  const text = `${clamped}/${total} ${unit}`;
  return (
    <div className="progress">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={clamped}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress__text">{text}</span>
    </div>
  );
}
