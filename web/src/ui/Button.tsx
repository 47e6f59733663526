import type { ButtonHTMLAttributes, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Drawn before the label, e.g. a chevron. */
  icon?: ReactNode;
  children?: ReactNode;
}

/** The panel's only button. Without visible text it needs an `aria-label`. */
export function Button({ variant = 'secondary', icon, children, className, type = 'button', ...rest }: ButtonProps) {
  const classes = ['button', `button--${variant}`, className].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} {...rest}>
      {icon}
      {children !== undefined && <span className="button__label">{children}</span>}
    </button>
  );
}
