export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <svg viewBox="0 0 32 32" className="size-8" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="#4f46e5" />
            <path d="M9 16a7 7 0 1 1 14 0 7 7 0 0 1-14 0Zm4 0a3 3 0 1 0 6 0 3 3 0 0 0-6 0Z" fill="#fff" />
          </svg>
          <span className="text-xl font-semibold tracking-tight">OpenCTO</span>
        </div>
        {children}
      </div>
    </main>
  );
}
