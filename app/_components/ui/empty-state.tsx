export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="card flex flex-col items-center gap-2 py-12 text-center">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="muted max-w-md">{children}</div>
    </div>
  );
}
