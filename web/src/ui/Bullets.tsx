import type { ReactNode } from 'react';

export type BulletTone = 'info' | 'success' | 'error';

export interface Bullet {
  key: string;
  text: ReactNode;
  tone: BulletTone;
}

/** Progress messages as bullet points, in order. */
export function Bullets({ items }: { items: readonly Bullet[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="bullets">
      {items.map((item) => (
        <li key={item.key} className={`bullets__item bullets__item--${item.tone}`}>
          {item.text}
        </li>
      ))}
    </ul>
  );
}
