export { type Alert, type AlertOutcome, sendAlert, sendTestAlert } from "./alerts";
export { getNotificationSettings, regenerateWebhookSecret, saveNotificationSettings } from "./settings";
