-- Admission marks a token used (last_used_at, at most once a minute) from inside opencto_admit. A
-- statement trigger fires for that UPDATE even when it touches no row, so every token request
-- told the embedded server that admission rows had changed and it forgot them all. Only a change
-- to what admission reads (anything but last_used_at) is news; inserts and deletes always are.
DROP TRIGGER api_tokens_admission ON api_tokens;
--> statement-breakpoint
CREATE TRIGGER api_tokens_admission AFTER INSERT OR DELETE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION opencto_admission_changed();
--> statement-breakpoint
CREATE TRIGGER api_tokens_admission_update AFTER UPDATE ON api_tokens FOR EACH ROW
WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
EXECUTE FUNCTION opencto_admission_changed();
