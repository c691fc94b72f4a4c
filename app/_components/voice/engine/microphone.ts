import { VoiceError } from "./errors";

/** The microphone, or a VoiceError the page explains (blocked, missing, no secure context). */
export async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new VoiceError("microphone", "This browser cannot use a microphone here (it needs HTTPS or localhost).");
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  } catch (error) {
    const name = (error as DOMException)?.name;
    if (name === "NotAllowedError" || name === "SecurityError")
      throw new VoiceError("microphone", "Microphone access was blocked. Allow it in the browser's address bar, then press Start again.");
    throw new VoiceError("microphone", "No usable microphone was found. Plug one in, or type to the assistant.");
  }
}
