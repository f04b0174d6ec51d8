import type { ReactNode } from 'react';

/** An error shown in place of what failed, so the rest of the page keeps working. */
export function ErrorBox({ title, detail, children, inline }: { title: string; detail?: string; children?: ReactNode; inline?: boolean }) {
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag className={inline ? 'error-box error-box-inline' : 'error-box'} role="alert" data-testid="error-box">
      <strong>{title}</strong>
      {detail ? <code className="error-detail">{detail}</code> : null}
      {children}
    </Tag>
  );
}
