export function PageHeader({ title, description, children }: { title: string; description?: string; children?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0 max-w-full">
        {/* Titles are often names people chose: a long one wraps, even without spaces. */}
        <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
        {description && <p className="muted mt-1 break-words">{description}</p>}
      </div>
      {children}
    </div>
  );
}
