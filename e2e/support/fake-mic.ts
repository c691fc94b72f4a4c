import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Chromium launch options with a fake microphone that says `phrase` once. The WAV must exist
 * before Chromium launches, so specs call this when they load (espeak-ng speaks, sox makes it
 * 48 kHz mono with a lead-in, for the call to connect, and trailing silence, so VAD ends the turn).
 */
export function fakeMicLaunchOptions(name: string, phrase = "which models do we have") {
  const dir = path.join(os.tmpdir(), `opencto-fake-mic-${name}`);
  const wav = path.join(dir, "speech.wav");
  mkdirSync(dir, { recursive: true });
  execFileSync("espeak-ng", ["-w", path.join(dir, "raw.wav"), phrase]);
  execFileSync("sox", [path.join(dir, "raw.wav"), "-r", "48000", "-c", "1", "-b", "16", wav, "pad", "1.5", "2"]);
  return {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--autoplay-policy=no-user-gesture-required",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
    ],
  };
}
