export function Feedback({ error, message }: { error: string | null; message?: string | null }) {
  if (error)
    return (
      <p role="alert" className="alert-error">
        {error}
      </p>
    );
  if (message)
    return (
      <p role="status" className="alert-success">
        {message}
      </p>
    );
  return null;
}
